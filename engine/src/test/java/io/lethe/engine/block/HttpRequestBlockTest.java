package io.lethe.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.execution.ExecutionListener;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.RawBytes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpRequestBlockTest {

    @TempDir
    Path dir;

    EngineFixture lethe;
    HttpServer outside;
    final List<String> receivedKeys = new CopyOnWriteArrayList<>();
    final List<String> receivedHeaders = new CopyOnWriteArrayList<>();
    final List<String> receivedPaths = new CopyOnWriteArrayList<>();
    final List<String> sentUntilCut = new CopyOnWriteArrayList<>();
    final List<Long> flakyCalls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        lethe = new EngineFixture(dir);
        outside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outside.createContext("/api/", exchange -> {
            receivedKeys.add(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            receivedHeaders.add(exchange.getRequestHeaders().getFirst("X-Obj") + "|" + exchange.getRequestHeaders().containsKey("X-Missing"));
            receivedPaths.add(exchange.getRequestURI().toString());
            byte[] body = exchange.getRequestURI().getPath().endsWith("/missing")
                    ? "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8)
                    : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                            .replace("}", ",\"seen\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        outside.createContext("/apix/", exchange -> {
            receivedPaths.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        outside.createContext("/api/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length announced
            byte[] kilobyte = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 12 * 1024; i++) {
                    out.write(kilobyte);
                }
            } catch (IOException e) {
                sentUntilCut.add(e.getClass().getSimpleName()); // the block hung up
            }
        });
        outside.createContext("/api/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                sentUntilCut.add(e.getClass().getSimpleName());
            }
        });
        outside.createContext("/api/flaky", exchange -> { // unavailable twice, then fine; "busy" asks to wait a second; "down" stays so
            flakyCalls.add(System.nanoTime());
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            boolean busy = query.contains("busy");
            if (busy) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(flakyCalls.size() <= 2 || query.contains("down") ? (busy ? 429 : 503) : 200, -1);
            exchange.close();
        });
        outside.setExecutor(Executors.newCachedThreadPool());
        outside.start();
        lethe.engine.connectors().save(new ConnectorAccount("crm", "test CRM",
                "http://127.0.0.1:" + outside.getAddress().getPort() + "/api", Map.of("X-Api-Key", "secret-key-123")));
    }

    @AfterEach
    void stop() {
        outside.stop(0);
        lethe.close();
    }

    @Test
    void shouldCallThroughTheConnectorWithItsSecretButNeverExposeIt() {
        List<Object> tracedInputs = new CopyOnWriteArrayList<>();
        lethe.engine.runner().addListener(new ExecutionListener() {
            @Override
            public void blockFinished(BlockFinished event) {
                tracedInputs.add(event.inputs());
            }
        });
        String seq = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "method", "POST", "path", "/customers/{{input.id}}",
                "query", Map.of("q", "a b"), "body", Map.of("id", "{{input.id}}")))));

        ExecutionResult result = lethe.run(seq, Map.of("id", "c42"));

        assertThat(result.succeeded()).as(result.error()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) result.output();
        assertThat(output).containsEntry("status", 200).containsEntry("body", Map.of("id", "c42", "seen", true));
        assertThat(receivedKeys).containsExactly("secret-key-123");
        assertThat(receivedPaths).containsExactly("/api/customers/c42?q=a+b");
        assertThat(tracedInputs.toString()).doesNotContain("secret-key-123");
        assertThat(RawBytes.filesContaining(dir, "secret-key-123")).as("secret encrypted at rest").isEmpty();
    }

    @Test
    void shouldFailOnNon2xxAndRefuseToLeaveTheBaseUrl() {
        String missing = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm", "path", "/missing"))));
        String escape = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm", "path", "/../../admin"))));

        assertThat(lethe.run(missing, null).error()).contains("HTTP 404");
        assertThat(lethe.run(escape, null).error()).contains("leaves the connector's base URL");
        assertThat(receivedPaths).containsExactly("/api/missing");
    }

    @Test
    void shouldStopReadingAnAnswerThatIsTooLargeOrTooSlow() {
        String huge = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm", "path", "/huge"))));
        String trickle = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "path", "/trickle", "timeoutMs", 1000))));

        assertThat(lethe.run(huge, null).error()).endsWith("the answer of connector 'crm' is larger than 10 MB");
        long started = System.nanoTime();
        ExecutionResult slow = lethe.run(trickle, null);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.error()).endsWith("connector 'crm' gave no complete answer within 1000 ms");
        assertThat(tookMs).as("the body would take 10 s").isLessThan(5_000);
    }

    @Test
    void shouldNotTakeAPathBesideTheBasePathForOneBelowIt() {
        String beside = lethe.sequence(List.of(BlockDefinition.of("call", "http-request",
                Map.of("connector", "crm", "path", "/../apix/admin"))));

        assertThat(lethe.run(beside, null).error()).contains("leaves the connector's base URL");
        assertThat(receivedPaths).isEmpty();
    }

    @Test
    void shouldNotTakeAPercentEncodedDotSegmentThatAServerWouldDecodeAndFollowUp() {
        String encoded = lethe.sequence(List.of(BlockDefinition.of("call", "http-request",
                Map.of("connector", "crm", "path", "/%2e%2e/admin"))));
        String mixed = lethe.sequence(List.of(BlockDefinition.of("call", "http-request",
                Map.of("connector", "crm", "path", "/.%2E/admin"))));

        assertThat(lethe.run(encoded, null).error()).contains("leaves the connector's base URL");
        assertThat(lethe.run(mixed, null).error()).contains("leaves the connector's base URL");
        assertThat(receivedPaths).isEmpty();
    }

    @Test
    void shouldReadTheAnswerInTheCharsetItsContentTypeNames() {
        assertThat(HttpRequestBlock.charset("text/plain; charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(HttpRequestBlock.charset("application/json; charset=\"utf-16\"")).isEqualTo(StandardCharsets.UTF_16);
        assertThat(HttpRequestBlock.charset("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(HttpRequestBlock.charset("text/plain; charset=klingon")).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPutEachValueIntoThePathAsOneEncodedSegment() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "path", "/customers/{{input.id}}/orders"))));

        ExecutionResult sneaky = lethe.run(seq, Map.of("id", "a b/../../admin?all=1#x"));
        ExecutionResult parent = lethe.run(seq, Map.of("id", ".."));

        assertThat(sneaky.succeeded()).as(sneaky.error()).isTrue();
        assertThat(receivedPaths).containsExactly("/api/customers/a%20b%2F..%2F..%2Fadmin%3Fall%3D1%23x/orders");
        assertThat(parent.error()).contains("a value in the path may not be '..'");
    }

    @Test
    void shouldWriteValuesIntoTheQueryAndHeadersAsTextLeavingOutWhatIsMissing() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm", "path", "/things",
                "query", Map.of("q", "{{input.missing}}", "o", "{{input.obj}}", "n", "{{input.n}}"),
                "headers", Map.of("X-Obj", "{{input.obj}}", "X-Missing", "{{input.missing}}")))));

        ExecutionResult result = lethe.run(seq, Map.of("obj", Map.of("a", List.of(1, 2)), "n", 5));

        assertThat(result.succeeded()).as(result.error()).isTrue();
        assertThat(receivedPaths).singleElement().asString().startsWith("/api/things?")
                .contains("o=" + URLEncoder.encode("{\"a\":[1,2]}", StandardCharsets.UTF_8)).contains("n=5").doesNotContain("q=");
        assertThat(receivedHeaders).containsExactly("{\"a\":[1,2]}|false");
    }

    @Test
    void shouldRefuseACredentialInTheBlocksOwnHeaders() {
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm",
                        "headers", Map.of("X-Api-Key", "hard-coded-key", "Authorization", "Bearer abc", "X-Request-Id", "{{input.id}}"))))));

        assertThat(refused.errors()).extracting(FieldError::pointer)
                .containsExactlyInAnyOrder("/blocks/0/config/headers/X-Api-Key", "/blocks/0/config/headers/Authorization");
        assertThat(refused.errors().get(0).message()).contains("connector account's secret headers");
    }

    @Test
    void shouldRefuseAHeaderTheClientSetsItself() {
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm",
                        "headers", Map.of("Content-Length", "5", "X-Request-Id", "{{input.id}}"))))));

        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/blocks/0/config/headers/Content-Length");
            assertThat(e.message()).startsWith("set by the HTTP client itself");
        });
    }

    @Test
    void shouldTryACallAgainAfterAFailureThatMayPass() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "method", "POST", "path", "/flaky", "retries", 3, "retryDelayMs", 10))));

        ExecutionResult result = lethe.run(seq, null);

        assertThat(result.succeeded()).as(result.error()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) result.output();
        assertThat(output).containsEntry("status", 200).containsEntry("attempts", 3);
        assertThat(flakyCalls).hasSize(3);
    }

    @Test
    void shouldNotTryAgainUnlessAskedOrWhenTheAnswerWillNotChange() {
        String once = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm", "path", "/flaky"))));
        String missing = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "path", "/missing", "retries", 3, "retryDelayMs", 10))));

        assertThat(lethe.run(once, null).error()).endsWith("HTTP 503 from connector 'crm'");
        assertThat(lethe.run(missing, null).error()).endsWith("HTTP 404 from connector 'crm'");
        assertThat(flakyCalls).hasSize(1);
        assertThat(receivedPaths).containsExactly("/api/missing");
    }

    @Test
    void shouldSayHowOftenItTriedWhenTheServiceCannotBeReached() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        lethe.engine.connectors().save(new ConnectorAccount("gone", "a service that is down",
                "http://127.0.0.1:" + closedPort + "/api", Map.of()));
        String seq = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "gone", "retries", 2, "retryDelayMs", 10))));

        assertThat(lethe.run(seq, null).error()).endsWith("the call to connector 'gone' failed (ConnectException) (after 3 tries)");
    }

    @Test
    void shouldWaitAsLongAsTheServiceAsksAndNotPastTheRunsTimeLimit() {
        String patient = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "path", "/flaky", "query", Map.of("busy", "yes"), "retries", 1, "retryDelayMs", 10))));

        ExecutionResult result = lethe.run(patient, null);

        assertThat(result.error()).endsWith("HTTP 429 from connector 'crm' (after 2 tries)");
        assertThat(flakyCalls).hasSize(2);
        assertThat(flakyCalls.get(1) - flakyCalls.get(0)).as("Retry-After: 1").isGreaterThanOrEqualTo(1_000_000_000L);

        String hurried = lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of(
                "connector", "crm", "path", "/flaky", "query", Map.of("down", "yes"), "retries", 5, "retryDelayMs", 60_000))));
        assertThat(lethe.run(hurried, null).error())
                .endsWith("HTTP 503 from connector 'crm'; the run has no time left to try again");
        assertThat(flakyCalls).hasSize(3);
    }

    @Test
    void shouldRefuseMoreRetriesThanAllowed() {
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> lethe.sequence(List.of(BlockDefinition.of("call", "http-request", Map.of("connector", "crm", "retries", 6)))));

        assertThat(refused.errors()).singleElement()
                .satisfies(e -> assertThat(e.pointer()).isEqualTo("/blocks/0/config/retries"));
    }
}
