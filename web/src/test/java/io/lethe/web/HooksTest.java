package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.Trigger;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: sequences saved through the engine's Java API answer HTTP requests on a real server. */
class HooksTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        var engine = server.lethe().engine();
        engine.models().save(Model.of("customer",
                Attribute.of("email", AttributeType.STRING).required(true).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("name", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL)));
        engine.sequences().save(Sequence.of("signup", "clean", List.of(
                BlockDefinition.of("clean", "script", Map.of("source",
                        "return { email: input.body.email.trim().toLowerCase(), name: input.body.name.toUpperCase() };")).then("store"),
                BlockDefinition.of("store", "create-instance", Map.of("model", "customer",
                        "values", "{{steps.clean.output}}")).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("status", 201,
                        "headers", Map.of("Location", "/hooks/customers/{{steps.store.output.id}}"),
                        "body", Map.of("id", "{{steps.store.output.id}}", "name", "{{steps.store.output.data.name}}")))),
                new Trigger.Http("POST", "/customers")));
        engine.sequences().save(Sequence.of("lookup", "find", List.of(
                BlockDefinition.of("find", "query-instances", Map.of("model", "customer", "where", Map.of("email", "{{input.params.email}}"))).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("body", "{{steps.find.output}}"))),
                new Trigger.Http("GET", "/customers/:email")));
        engine.sequences().save(Sequence.of("quiet", "note", List.of(BlockDefinition.of("note", "log", Map.of("message", "ping"))),
                new Trigger.Http("POST", "/ping")));
        engine.sequences().save(Sequence.of("shout", "up", List.of(
                BlockDefinition.of("up", "script", Map.of("source", "return String(input.body).toUpperCase();")).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("body", "{{steps.up.output}}"))),
                new Trigger.Http("POST", "/shout")));
        engine.sequences().save(Sequence.of("echo", "answer", List.of(BlockDefinition.of("answer", "respond", Map.of("body", "{{input.headers}}"))),
                new Trigger.Http("GET", "/echo")));
        engine.sequences().save(Sequence.of("inspect", "look", List.of(
                BlockDefinition.of("look", "script", Map.of("source", "return { query: input.query, body: input.body, sum: input.body.n.reduce((a, b) => a + b, 0) };"))
                        .then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("body", "{{steps.look.output}}"))),
                new Trigger.Http("POST", "/inspect")));
        engine.sequences().save(Sequence.of("vault", "answer",
                List.of(BlockDefinition.of("answer", "respond", Map.of("body", "{{input.headers}}"))),
                new Trigger.Http("GET", "/vault", true)));
        engine.sequences().save(Sequence.of("catalog", "answer", List.of(BlockDefinition.of("answer", "respond",
                Map.of("headers", Map.of("cache-control", "public, max-age=60"), "body", "the same for everyone"))),
                new Trigger.Http("GET", "/catalog")));
        engine.sequences().save(Sequence.of("widget", "answer", List.of(BlockDefinition.of("answer", "respond", Map.of("body", "thanks"))),
                new Trigger.Http("POST", "/widget", false, List.of("https://shop.example.org"))));
        engine.sequences().save(Sequence.of("broken", "boom", List.of(BlockDefinition.of("boom", "script",
                Map.of("source", "throw new Error('secret detail ' + input.query.who);"))), new Trigger.Http("GET", "/broken")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldRunASequenceFromAnHttpRequestThroughAScriptIntoAnInstanceAndRespond() {
        Response created = server.post("/hooks/customers", null,
                new JsonObject().put("email", "  Ada@Example.ORG ").put("name", "Ada"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("name")).isEqualTo("ADA");
        String id = created.json().getString("id");
        assertThat(created.header("Location")).isEqualTo("/hooks/customers/" + id);
        var stored = server.lethe().engine().instances().get("customer", id);
        assertThat(stored.data()).containsEntry("email", "ada@example.org");

        Response found = server.get("/hooks/customers/ada@example.org", null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains(id);
        assertThat(server.get("/hooks/customers/ada%40example.org", null).body()).as("percent-encoded, as clients send it").contains(id);

        String executionId = created.header("X-Lethe-Execution");
        server.lethe().engine().recorder().flush(Duration.ofSeconds(5));
        var record = server.lethe().engine().executions().find(executionId).orElseThrow();
        assertThat(record.sequence()).isEqualTo("signup");
        assertThat(record.version()).isEqualTo(1);
        assertThat(record.trigger()).isEqualTo("http");
        assertThat(record.path()).containsExactly("clean:next", "store:next", "answer:next");
    }

    @Test
    void shouldKeepAnsweredDataOutOfCachesUnlessTheDesignSaysOtherwise() {
        Response found = server.get("/hooks/customers/nobody@example.org", null);
        Response catalog = server.get("/hooks/catalog", null);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("Cache-Control")).as("a hook's answer may hold personal data").isEqualTo("no-store");
        assertThat(catalog.header("Cache-Control")).as("the respond block's own header").isEqualTo("public, max-age=60");
    }

    @Test
    void shouldAnswerAScriptsTextResultAsTextAndItsObjectResultAsJson() {
        Response text = server.send("POST", "/hooks/shout", null, "\"quiet\"");

        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("QUIET");
        assertThat(text.contentType()).startsWith("text/plain");
    }

    @Test
    void shouldAnswerWhenTheRespondBlockRunsNotWhenTheRunEnds() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var outsideAnswered = new AtomicBoolean();
        var outside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outside.createContext("/", exchange -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            outsideAnswered.set(true);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        outside.start();
        try {
            var engine = server.lethe().engine();
            engine.connectors().save(new ConnectorAccount("slow", "a slow service",
                    "http://127.0.0.1:" + outside.getAddress().getPort(), Map.of()));
            engine.sequences().save(Sequence.of("accept", "accepted", List.of(
                    BlockDefinition.of("accepted", "respond", Map.of("status", 202, "body", Map.of("job", "{{input.body.job}}"))).then("work"),
                    BlockDefinition.of("work", "http-request", Map.of("connector", "slow", "method", "POST", "path", "/work")).then("late"),
                    BlockDefinition.of("late", "respond", Map.of("status", 500, "body", "too late"))),
                    new Trigger.Http("POST", "/accept")));

            Response accepted = server.send("POST", "/hooks/accept", null, "{\"job\": 42}");

            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().getInteger("job")).isEqualTo(42);
            assertThat(outsideAnswered).isFalse(); // so the run has not ended: the outside service still holds it
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            engine.recorder().flush(Duration.ofSeconds(5));
            long deadline = System.currentTimeMillis() + 10_000;
            var record = engine.executions().find(accepted.header("X-Lethe-Execution"));
            while (record.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                engine.recorder().flush(Duration.ofSeconds(5));
                record = engine.executions().find(accepted.header("X-Lethe-Execution"));
            }
            assertThat(record).hasValueSatisfying(r ->
                    assertThat(r.path()).containsExactly("accepted:next", "work:next", "late:next"));
        } finally {
            release.countDown();
            outside.stop(0);
        }
    }

    @Test
    void shouldAnswer204WithoutARespondBlockAnd404ForUnknownHooks() {
        assertThat(server.send("POST", "/hooks/ping", null, null).status()).isEqualTo(204);

        Response unknown = server.get("/hooks/nothing-here", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void shouldAnswer405NamingTheMethodsAPathIsAnsweredOn() {
        Response wrongMethod = server.get("/hooks/ping", null);

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
        assertThat(wrongMethod.contentType()).isEqualTo("application/problem+json");
        assertThat(wrongMethod.json().getString("detail")).isEqualTo("no sequence answers GET on this path; POST does");
    }

    @Test
    void shouldAnswerAHeadLikeTheGetItStandsForWithoutTheBody() {
        Response get = server.get("/hooks/echo", null);
        Response head = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/echo"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        Response notAnswered = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/ping"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(get.status()).isEqualTo(200);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.header("X-Lethe-Execution")).as("the GET sequence ran").isNotBlank();
        assertThat(notAnswered.status()).as("no GET on this path").isEqualTo(405);
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/customers/x"))
                .method("PUT", HttpRequest.BodyPublishers.noBody())).header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void shouldLetCallersThroughAHookThatRequiresAKeyOnlyWithItsCurrentKey() {
        String token = server.adminToken();
        assertThat(server.get("/api/sequences/vault/hook-key", token).json().getBoolean("made")).isFalse();
        Response none = server.get("/hooks/vault", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().getString("detail")).isEqualTo("this hook needs its key in the X-Hook-Key header");

        JsonObject made = server.send("POST", "/api/sequences/vault/hook-key", token, null).json();
        String key = made.getString("key");
        Response opened = withKey(key);
        String second = server.send("POST", "/api/sequences/vault/hook-key", token, null).json().getString("key");

        assertThat(made.getString("header")).isEqualTo("X-Hook-Key");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).as("the sequence never sees the key").doesNotContain(key).doesNotContainIgnoringCase("x-hook-key");
        assertThat(withKey(key).status()).as("the key made before").isEqualTo(401);
        assertThat(withKey(second).status()).isEqualTo(200);
        assertThat(server.get("/api/sequences/vault/hook-key", token).body()).contains("\"createdBy\":\"admin\"").doesNotContain(second);
        assertThat(server.get("/api/sequences/vault", token).json().getJsonArray("triggers").getJsonObject(0).getBoolean("requireKey"))
                .isTrue();
        assertThat(server.get("/api/sequences/echo", token).json().getJsonArray("triggers").getJsonObject(0).containsKey("requireKey"))
                .as("public hooks stay as they were written").isFalse();
        assertThat(server.lethe().database().collection("hook_keys").find().first().toJson()).as("kept as a hash").doesNotContain(second);

        assertThat(server.send("DELETE", "/api/sequences/vault/hook-key", token, null).status()).isEqualTo(204);
        assertThat(withKey(second).status()).isEqualTo(401);
    }

    @Test
    void shouldLetOnlyPagesOfTheOriginsATriggerAllowsCallItFromABrowser() {
        Response preflight = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/widget"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://shop.example.org")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type"));
        Response strangerPreflight = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/widget"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST"));
        Response call = fromPage("/hooks/widget", "https://shop.example.org");
        Response strangerCall = fromPage("/hooks/widget", "https://evil.example.net");
        Response elsewhere = fromPage("/hooks/shout", "https://shop.example.org");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.org");
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("content-type");
        assertThat(strangerPreflight.status()).isEqualTo(405);
        assertThat(strangerPreflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.org");
        assertThat(call.header("Vary")).isEqualTo("Origin");
        assertThat(strangerCall.header("Access-Control-Allow-Origin")).isNull();
        assertThat(elsewhere.header("Access-Control-Allow-Origin")).as("a trigger allowing no origin").isNull();
    }

    private static Response fromPage(String path, String origin) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("\"hi\"")));
    }

    @Test
    void shouldNameTheImportedSequencesWhoseHooksNeedAKeyMadeThere() {
        String bundle = server.get("/api/export?sequences=vault", server.adminToken()).body();
        try (TestServer elsewhere = TestServer.start(dir.resolve("elsewhere"))) {
            Response imported = elsewhere.send("POST", "/api/import", elsewhere.adminToken(), bundle);

            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            assertThat(imported.json().getJsonArray("sequencesNeedingHookKeys")).containsExactly("vault");
            assertThat(elsewhere.get("/hooks/vault", null).status()).as("no key made there yet").isEqualTo(401);
        }
    }

    private static Response withKey(String key) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/vault")).header("X-Hook-Key", key).GET());
    }

    @Test
    void shouldNotPassCredentialsIntoTheSequence() {
        Response echoed = server.get("/hooks/echo", "a-bearer-token");

        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.json().containsKey("authorization")).isFalse();
        assertThat(echoed.body()).doesNotContain("a-bearer-token");
    }

    @Test
    void shouldAnswer500WithTheExecutionIdButNotTheErrorOfAFailedRun() {
        Response failed = server.get("/hooks/broken?who=Ada", null);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().getString("executionId")).isEqualTo(failed.header("X-Lethe-Execution"));
        assertThat(failed.body()).doesNotContain("secret detail");
        assertThat(failed.contentType()).as("an error, as every error").isEqualTo("application/problem+json");
        assertThat(failed.header("Cache-Control")).isEqualTo("no-store");
        assertThat(failed.json().getInteger("status")).isEqualTo(500);
    }

    @Test
    void shouldCountExecutionsInMetrics() {
        server.send("POST", "/hooks/ping", null, null);

        assertThat(server.get("/metrics", null).body()).contains("lethe_executions_seconds_count{sequence=\"quiet\",status=\"succeeded\",trigger=\"http\"}");
    }

    @Test
    void shouldDropTheMetricsOfADeletedSequenceWhoseNameMayBePersonal() {
        var sequences = server.lethe().engine().sequences();
        sequences.save(Sequence.of("visit-ada-lovelace", "note", List.of(BlockDefinition.of("note", "log", Map.of("message", "hi"))),
                new Trigger.Http("POST", "/visits/ada")));
        server.send("POST", "/hooks/visits/ada", null, null);
        assertThat(server.get("/metrics", null).body()).contains("sequence=\"visit-ada-lovelace\"");

        sequences.delete("visit-ada-lovelace");

        assertThat(server.get("/metrics", null).body()).doesNotContain("ada-lovelace");
    }

    @Test
    void shouldGiveLatencyBucketsForHookResponsesAndRuns() {
        int status = 0;
        for (int i = 0; i < 3; i++) {
            status = server.send("POST", "/hooks/ping", null, null).status();
        }

        String metrics = server.get("/metrics", null).body();
        for (String series : List.of("lethe_executions_seconds{sequence=\"quiet\",status=\"succeeded\",trigger=\"http\"",
                "vertx_http_server_response_time_seconds{code=\"" + status + "\",method=\"POST\"")) {
            String name = series.substring(0, series.indexOf('{'));
            String labels = series.substring(series.indexOf('{') + 1);
            List<Double> cumulative = metrics.lines()
                    .filter(line -> line.startsWith(name + "_bucket{" + labels + ","))
                    .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .toList();
            double count = metrics.lines().filter(line -> line.startsWith(name + "_count{" + labels + "}"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            assertThat(cumulative).as(series).hasSize(16); // 15 bounds and +Inf
            assertThat(cumulative).as(series).isSorted();
            assertThat(cumulative.getLast()).as(series).isEqualTo(count).isGreaterThanOrEqualTo(3);
            assertThat(metrics).contains(name + "_bucket{" + labels + ",le=\"0.002\"}");
        }
    }

    @Test
    void shouldRefuseABodyThatIsNotJsonWith400BeforeAnythingRuns() {
        Response refused = server.send("POST", "/hooks/shout", null, "{\"name\": ");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().getString("detail")).isEqualTo("the request body is not valid JSON");
        assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEmpty();
        assertThat(refused.header("X-Lethe-Execution")).as("no run was started").isNull();
    }

    @Test
    void shouldGiveTheScriptTheQueryAndTheBodyAsSent() {
        String body = "{\"n\":[1,2,3,-0,1.5],\"nested\":{\"__proto__\":{\"x\":null},\"2\":\"two\",\"1\":\"one\"},\"text\":\"a\\\"b\\u2028\"}";

        JsonObject plain = new JsonObject(server.send("POST", "/hooks/inspect", null, body).body());
        JsonObject queried = new JsonObject(server.send("POST", "/hooks/inspect?x=1&X=2&y=z", null, body).body());

        assertThat(plain.getJsonObject("query").isEmpty()).isTrue();
        assertThat(queried.getJsonObject("query").getMap()).isEqualTo(Map.of("x", List.of("1", "2"), "y", "z"));
        for (JsonObject answer : List.of(plain, queried)) {
            assertThat(answer.getJsonObject("body")).isEqualTo(new JsonObject(body));
            assertThat(answer.getJsonObject("body").getJsonObject("nested").fieldNames()).containsExactly("1", "2", "__proto__");
            assertThat(answer.getDouble("sum")).isEqualTo(7.5);
        }
    }

    @Test
    void shouldAnswerTheSameWhetherServedAheadOfTheRouterOrByItsRoute() {
        // Served ahead of the router: a plain path and a body of declared length.
        Response plain = server.send("POST", "/hooks/shout", null, "\"both ways\"");
        // Served by the route: chunks (no declared length), and a path the router normalises.
        Response chunked = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/shout"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("\"both ways\"".getBytes(StandardCharsets.UTF_8)))));
        Response oddPath = server.send("POST", "/hooks//shout", null, "\"both ways\"");

        for (var answer : List.of(plain, chunked, oddPath)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("BOTH WAYS");
            assertThat(answer.header("X-Lethe-Execution")).isNotBlank();
            assertThat(answer.header("X-Correlation-Id")).isNotBlank();
        }
    }

    @Test
    void shouldEchoTheCallersCorrelationIdOnAHookAndNameItInTheProblem() {
        Response refused = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/hooks/shout"))
                .header("Content-Type", "application/json").header("X-Correlation-Id", "hook-call-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("X-Correlation-Id")).isEqualTo("hook-call-42");
        assertThat(refused.json().getString("correlationId")).isEqualTo("hook-call-42");
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413BeforeAnythingRuns() {
        Response refused = server.send("POST", "/hooks/shout", null, "\"" + "x".repeat(Lethe.MAX_BODY_BYTES) + "\"");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.header("X-Lethe-Execution")).as("no run was started").isNull();
    }
}
