package io.lethe.engine.block;

import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.connector.ConnectorStore;
import io.lethe.engine.connector.HeaderRules;
import io.lethe.engine.json.Json;
import io.lethe.engine.redact.RedactionRules;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import io.lethe.engine.sequence.Template;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls an outside service through a connector account: the account's base URL and secret headers
 * are added here and never appear in the block's recorded inputs. Non-2xx answers are failures
 * (wire {@code error} to handle them), as are answers not complete within the timeout or larger than
 * 10 MB; failures that may pass are tried again when the block asks for it ({@link RetryPolicy}).
 * The output is {@code {status, headers, body, attempts}}.
 */
public final class HttpRequestBlock implements Block<HttpRequestBlock.Config> {

    record Config(String connector, String method, Template path, Template query, Template headers, Template body, Duration timeout,
            RetryPolicy retry) {
    }

    /** The longest a call may take; a run's own time limit (at most 10 minutes) cuts it shorter. */
    static final long MAX_TIMEOUT_MS = 600_000;

    /** The most of an answer a block reads (its body is held whole, recorded and traced). */
    static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

    private static final Set<String> SECRET_RESPONSE_HEADERS = Set.of("set-cookie", "authorization", "www-authenticate");
    private final ConnectorStore connectors;

    /** Made at the first call: a client loads the TLS stack and the trust store, a sixth of a second of every start otherwise. */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpRequestBlock(ConnectorStore connectors) {
        this.connectors = connectors;
    }

    @Override
    public String type() {
        return "http-request";
    }

    @Override
    public String description() {
        return "Call an outside service with a connector account";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.builder()
                .required("connector", Kind.CONNECTOR, "the connector account (base URL and credentials)")
                .choice("method", false, "HTTP method (default GET)", "GET", "POST", "PUT", "PATCH", "DELETE")
                .optional("path", Kind.TEXT, "path below the base URL, e.g. /customers/{{input.id}} (each value is encoded as one segment)")
                .optional("query", Kind.MAP, "query parameters")
                .optional("headers", Kind.MAP, "extra request headers (not secrets: use the connector account)")
                .optional("body", Kind.VALUE, "request body, sent as JSON")
                .optionalFixed("timeoutMs", Kind.NUMBER, "time for the whole answer in milliseconds (default 10000); answers over 10 MB fail")
                .optionalFixed("retries", Kind.NUMBER, "times to try again (default 0, at most 5) when the service cannot be reached,"
                        + " gives no answer in time or answers 408, 429, 500, 502, 503 or 504; a POST is sent again too")
                .optionalFixed("retryDelayMs", Kind.NUMBER, "wait before the first retry in milliseconds (default 1000), doubled before"
                        + " each next one; a longer Retry-After from the service is followed (at most 60 s)")
                .build();
    }

    @Override
    public Config compile(BlockConfig c) {
        if (c.raw("headers") instanceof Map<?, ?> headers) {
            for (Object name : headers.keySet()) {
                if (RedactionRules.isDefaultSecretKey(String.valueOf(name))) {
                    c.error("headers/" + name, "a credential does not belong in a sequence (it would be versioned, exported"
                            + " and traced): put it in the connector account's secret headers");
                } else {
                    HeaderRules.nameProblem(String.valueOf(name)).ifPresent(problem -> c.error("headers/" + name, problem));
                }
            }
        }
        return new Config(c.text("connector", null), c.text("method", "GET"),
                Template.encoding(c.template("path"), HttpRequestBlock::pathSegment), c.template("query"),
                c.template("headers"), c.template("body"), Duration.ofMillis(c.number("timeoutMs", 10_000, 1, MAX_TIMEOUT_MS)),
                new RetryPolicy((int) c.number("retries", 0, 0, RetryPolicy.MAX_RETRIES),
                        Duration.ofMillis(c.number("retryDelayMs", 1_000, 1, RetryPolicy.MAX_DELAY.toMillis()))));
    }

    @Override
    public Outcome execute(Config config, BlockRun run) throws Exception {
        ConnectorAccount account = connectors.find(config.connector())
                .orElse(null);
        if (account == null) {
            return Outcome.failed("no connector account '" + config.connector() + "'");
        }
        URI uri = uri(account.baseUrl(), String.valueOf(orEmpty(run.input("path", config.path()))), run.input("query", config.query()));
        if (!sameOrigin(URI.create(account.baseUrl()), uri)) {
            return Outcome.failed("path leaves the connector's base URL");
        }
        Object body = run.input("body", config.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(config.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (run.input("headers", config.headers()) instanceof Map<?, ?> headers) {
            headers.forEach((k, v) -> {
                String text = TextValue.of(v);
                if (text != null) {
                    request.header(String.valueOf(k), text);
                }
            });
        }
        account.secretHeaders().forEach(request::setHeader);
        return call(request.build(), account.name(), config, run);
    }

    /** Sends the request, again after a failure that may pass while the policy and the run's time allow. */
    private static Outcome call(HttpRequest request, String connector, Config config, BlockRun run) throws Exception {
        for (int tries = 1; ; tries++) {
            Duration timeout = config.timeout().compareTo(run.remaining()) < 0 ? config.timeout() : run.remaining();
            String failure;
            Optional<String> retryAfter = Optional.empty();
            try {
                HttpResponse<byte[]> response = exchange(request, timeout);
                if (response.statusCode() / 100 == 2) {
                    return Outcome.next(output(response, tries));
                }
                failure = "HTTP " + response.statusCode() + " from connector '" + connector + "'";
                if (!RetryPolicy.passing(response.statusCode())) {
                    return Outcome.failed(failure + after(tries));
                }
                retryAfter = response.headers().firstValue("Retry-After");
            } catch (LimitedBody.TooLarge e) {
                return Outcome.failed("the answer of connector '" + connector + "' is larger than "
                        + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB" + after(tries));
            } catch (TimeoutException e) {
                failure = "connector '" + connector + "' gave no complete answer within " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                failure = "the call to connector '" + connector + "' failed (" + e.getClass().getSimpleName() + ")";
            }
            if (tries > config.retry().retries()) {
                return Outcome.failed(failure + after(tries));
            }
            Duration wait = config.retry().delay(tries, retryAfter);
            if (wait.compareTo(run.remaining()) >= 0) {
                return Outcome.failed(failure + after(tries) + "; the run has no time left to try again");
            }
            Thread.sleep(wait);
        }
    }

    private static String after(int tries) {
        return tries > 1 ? " (after " + tries + " tries)" : "";
    }

    private static Map<String, Object> output(HttpResponse<byte[]> response, int tries) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.statusCode());
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> {
            if (!SECRET_RESPONSE_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                responseHeaders.put(k, String.join(", ", v));
            }
        });
        output.put("headers", responseHeaders);
        output.put("body", parse(response));
        output.put("attempts", tries);
        return output;
    }

    /**
     * Sends the request and reads the whole answer within the timeout (the client's own timeout ends
     * with the headers: a body trickling in slowly held the run past its time limit), at most
     * {@link #MAX_RESPONSE_BYTES} of it.
     */
    private static HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout) throws Exception {
        CompletableFuture<HttpResponse<byte[]>> answer = Client.INSTANCE.sendAsync(request, LimitedBody.handler(MAX_RESPONSE_BYTES));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            answer.cancel(true); // aborts the exchange if it is still going
        }
    }

    /**
     * A value put into the path as one segment, percent-encoded (a '/' in it is %2F, so data cannot
     * add segments); "." and ".." are refused, as they would move up the connector's paths.
     */
    static String pathSegment(Object value) {
        String text = value == null ? ""
                : value instanceof Map<?, ?> || value instanceof List<?> ? Json.write(value) : String.valueOf(value);
        if (text.equals(".") || text.equals("..")) {
            throw new IllegalArgumentException("a value in the path may not be '" + text + "'");
        }
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
            if (unreserved) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }

    private static URI uri(String base, String path, Object query) {
        StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (!path.isEmpty()) {
            url.append(path.startsWith("/") ? "" : "/").append(path);
        }
        if (query instanceof Map<?, ?> params && !params.isEmpty()) {
            StringBuilder q = new StringBuilder();
            params.forEach((k, v) -> {
                String text = TextValue.of(v);
                if (text != null) {
                    q.append(q.isEmpty() ? "?" : "&").append(URLEncoder.encode(String.valueOf(k), StandardCharsets.UTF_8))
                            .append('=').append(URLEncoder.encode(text, StandardCharsets.UTF_8));
                }
            });
            url.append(q);
        }
        return URI.create(url.toString()).normalize();
    }

    private static boolean sameOrigin(URI base, URI target) {
        return base.getScheme().equals(target.getScheme()) && base.getHost().equals(target.getHost())
                && base.getPort() == target.getPort()
                && below(base.getPath() == null ? "" : base.getPath(), target.getPath()) && !encodedDotSegment(target.getRawPath());
    }

    /**
     * Whether a segment of the raw path is "." or ".." percent-encoded ("%2e%2e"): normalising the URI keeps it, and
     * many servers decode it and go up. (A value put into the path is one segment: its "/" are encoded, so it has none.)
     */
    private static boolean encodedDotSegment(String rawPath) {
        return rawPath != null && Arrays.stream(rawPath.split("/")).map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
                .anyMatch(segment -> segment.equals(".") || segment.equals(".."));
    }

    /** Whether the path is the base path or under it ("/apix" is not under "/api"). */
    private static boolean below(String basePath, String path) {
        String prefix = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static Object parse(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        String text = new String(response.body(), charset(type));
        if (type.contains("json") && !text.isBlank()) {
            try {
                return Json.read(text);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
        return text;
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one this JVM does not know. */
    static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].trim().replace("\"", ""));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
