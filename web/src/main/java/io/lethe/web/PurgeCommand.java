package io.lethe.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lethe purge ...}: the purge lifecycle from a shell, against a running server's REST API
 * (the same checks and four-eyes rules apply). Credentials come from {@code LETHE_USER} and
 * {@code LETHE_PASSWORD}, never from the command line.
 */
@Command(name = "purge", mixinStandardHelpOptions = true, description = "Purge requests on a running server: "
        + "list | show ID | create SCOPE-JSON | plan ID | approve ID | run ID | cancel ID | receipt ID | ledger | verify-ledger")
final class PurgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "${env:LETHE_URL:-http://127.0.0.1:8080}", description = "Server URL (LETHE_URL).")
    String url;

    @Parameters(index = "0", description = "list, show, create, plan, approve, run, cancel, receipt, ledger, verify-ledger")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the request id, or for create the scope as JSON, e.g. "
            + "'{\"type\":\"value\",\"value\":\"ada@example.org\"}'")
    String argument;

    /** Where credentials come from: the environment (tests give their own). */
    UnaryOperator<String> env = System::getenv;

    /**
     * Made when the command runs: picocli builds every subcommand for any command line, and a client
     * loads the TLS stack and trust store (about a third of a second of every start of the server).
     */
    private HttpClient http;

    @Override
    public Integer call() throws IOException, InterruptedException {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String user = env.apply("LETHE_USER");
        String password = env.apply("LETHE_PASSWORD");
        if (user == null || password == null) {
            spec.commandLine().getErr().println("lethe purge: set LETHE_USER and LETHE_PASSWORD (an admin, or support for log purges)");
            return 2;
        }
        String token = send("POST", "/api/auth/login", null,
                new JsonObject().put("username", user).put("password", password).encode()).getString("token");
        String base = "/api/purge-requests";
        JsonObject answer = switch (action) {
            case "list" -> send("GET", base, token, null);
            case "show" -> send("GET", base + "/" + required(), token, null);
            case "create" -> send("POST", base, token, new JsonObject().put("scope", new JsonObject(required())).encode());
            case "plan", "approve", "run", "cancel" -> send("POST", base + "/" + required() + "/" + action, token, null);
            case "receipt" -> send("GET", base + "/" + required() + "/receipt", token, null);
            case "ledger" -> send("GET", "/api/purge-ledger", token, null);
            case "verify-ledger" -> send("GET", "/api/purge-ledger/verify", token, null);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action + "'");
        };
        spec.commandLine().getOut().println(answer.encodePrettily());
        return answer.containsKey("status") && answer.getValue("status") instanceof Integer status && status >= 400 ? 1 : 0;
    }

    private String required() {
        if (argument == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), action + " needs an argument");
        }
        return argument;
    }

    /** The answer as JSON; arrays are wrapped as {@code {"items": [...]}}. */
    private JsonObject send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new StartupException("cannot reach Lethe at " + url + " (is it running?)", e);
        }
        String text = response.body().isBlank() ? "{}" : response.body();
        JsonObject json = text.startsWith("[") ? new JsonObject().put("items", new JsonArray(text)) : new JsonObject(text);
        if (response.statusCode() >= 400 && path.equals("/api/auth/login")) {
            throw new StartupException("sign-in failed: " + json.getString("detail", "HTTP " + response.statusCode()), null);
        }
        return json;
    }
}
