package io.lethe.web.testkit;

import io.lethe.web.Lethe;
import io.lethe.web.LetheConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real Lethe on a random port over an embedded database in a temporary directory, with an
 * {@code admin} whose password is known, and a small HTTP client speaking to it.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private final Path dataDir;
    private final boolean fileLogs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Lethe lethe;

    private TestServer(Path dataDir, boolean fileLogs) {
        this.dataDir = dataDir;
        this.fileLogs = fileLogs;
        start();
    }

    public static TestServer start(Path dataDir) {
        return new TestServer(dataDir, false);
    }

    public static TestServer startWithFileLogs(Path dataDir) {
        return new TestServer(dataDir, true);
    }

    private void start() {
        lethe = Lethe.start(LetheConfig.of("127.0.0.1", 0, dataDir, Optional.empty(), Optional.of(ADMIN_PASSWORD), fileLogs),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** Stops and starts again on the same data directory. */
    public void restart() {
        restart(() -> { });
    }

    /** Stops, runs {@code whileStopped} (e.g. an offline command on the data directory), starts again. */
    public void restart(Runnable whileStopped) {
        lethe.close();
        try {
            whileStopped.run();
        } finally {
            start();
        }
    }

    public Lethe lethe() {
        return lethe;
    }

    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    public String login(String username, String password) {
        Response r = send("POST", "/api/auth/login", null,
                new JsonObject().put("username", username).put("password", password).encode());
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r.status() + " " + r.body());
        }
        return r.json().getString("token");
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, JsonObject body) {
        return send("POST", path, token, body.encode());
    }

    public Response send(String method, String path, String token, String body) {
        return send(method, path, token, body, null);
    }

    /** With an {@code If-Match} header when {@code ifMatch} is not null. */
    public Response send(String method, String path, String token, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + lethe.port();
    }

    /** Sends a request the test built itself (its own headers or body publisher). */
    public Response send(HttpRequest.Builder request) {
        // A request the server never answers fails the test instead of hanging the build.
        request.timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        lethe.close();
    }

    /** An HTTP answer. */
    public record Response(int status, String body, HttpHeaders headers) {

        public JsonObject json() {
            return new JsonObject(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
