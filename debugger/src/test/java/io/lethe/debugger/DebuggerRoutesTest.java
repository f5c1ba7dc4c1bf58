package io.lethe.debugger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.lethe.debugger.testkit.DebuggerFixture;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.json.Json;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Problems;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebuggerRoutesTest {

    @TempDir
    static Path dir;

    static DebuggerFixture fx;
    static Vertx vertx;
    static Blocking blocking;
    static HttpServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    /** The response: status, content type and parsed JSON body (null when empty). */
    record Answer(int status, String contentType, Object body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) body;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        fx = new DebuggerFixture(dir);
        vertx = Vertx.vertx();
        blocking = new Blocking();
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create(false));
        // stands in for authentication: "X-Test-User: name:role,role"
        router.route("/api/*").handler(ctx -> {
            String[] who = ctx.request().getHeader("X-Test-User").split(":");
            Set<Role> roles = who.length < 2 ? Set.of() : Arrays.stream(who[1].split(","))
                    .map(r -> Role.parse(r).orElseThrow()).collect(Collectors.toSet());
            CurrentUser.set(ctx, new User(who[0], "x", roles, 0, Instant.now()));
            ctx.next();
        });
        // the users there are: the designers ivy and dora, the support user sam
        Map<String, User> users = Map.of("ivy", user("ivy", Role.DESIGNER), "dora", user("dora", Role.DESIGNER),
                "sam", user("sam", Role.SUPPORT));
        new DebuggerRoutes(fx.debugger, name -> Optional.ofNullable(users.get(name))).mount(new ApiRouter(router), blocking);
        router.route().failureHandler(Problems::handle);
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture().get();
    }

    private static User user(String name, Role role) {
        return new User(name, "x", Set.of(role), 0, Instant.now());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        blocking.close();
        fx.close();
    }

    private static Answer call(String method, String path, String user, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .header("X-Test-User", user).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? null : Json.read(response.body()));
    }

    private static String sequence() {
        return fx.lethe.sequence(List.of(BlockDefinition.of("echo", "script", Map.of("source", "return input;"))));
    }

    @Test
    void shouldShowTracesRightAfterTheirRunsEvenWhileTheWriterWaitsForItsTurn() throws Exception {
        String seq = sequence();
        assertThat(call("PUT", "/api/debug/sequences/" + seq, "dora:designer", Map.of("minutes", 30)).status()).isEqualTo(200);

        // two runs within a second: the second's trace waits for the writer's next turn, a second after the first's
        ExecutionResult first = fx.lethe.run(seq, Map.of("n", 1));
        fx.clock.advance(Duration.ofSeconds(1)); // the test's clock: listed newest first
        ExecutionResult second = fx.lethe.run(seq, Map.of("n", 2));

        Answer one = call("GET", "/api/debug/traces/" + second.executionId(), "dora:designer", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).containsEntry("input", Map.of("n", 2));
        Answer list = call("GET", "/api/debug/sequences/" + seq + "/traces", "dora:designer", null);
        assertThat((List<Object>) list.json().get("traces")).extracting(t -> (Object) ((Map<?, ?>) t).get("executionId"))
                .containsExactly(second.executionId(), first.executionId());
    }

    @Test
    void shouldToggleDebuggingListTracesShowReplayAndDeleteOverHttp() throws Exception {
        // given
        String seq = sequence();

        // when debugging is turned on
        Answer on = call("PUT", "/api/debug/sequences/" + seq, "dora:designer", Map.of("minutes", 30));

        // then
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json()).containsEntry("on", true).containsEntry("remainingSeconds", 1800).containsEntry("openedBy", "dora");
        ExecutionResult first = fx.lethe.run(seq, Map.of("n", 1));
        fx.clock.advance(Duration.ofSeconds(1));
        ExecutionResult second = fx.lethe.run(seq, Map.of("n", 2));
        fx.flush();

        Answer list = call("GET", "/api/debug/sequences/" + seq + "/traces", "dora:designer", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat((List<Object>) list.json().get("traces")).extracting(t -> (Object) ((Map<?, ?>) t).get("executionId"))
                .containsExactly(second.executionId(), first.executionId());

        Answer one = call("GET", "/api/debug/traces/" + first.executionId(), "dora:designer", null);
        assertThat(one.json()).containsEntry("input", Map.of("n", 1)).containsEntry("replayable", true);

        Answer replay = call("POST", "/api/debug/traces/" + first.executionId() + "/replay", "dora:designer", null);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json()).containsEntry("status", "succeeded").containsEntry("replayOf", first.executionId());

        assertThat(call("DELETE", "/api/debug/traces/" + second.executionId(), "dora:designer", null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/debug/traces/" + second.executionId(), "dora:designer", null).status()).isEqualTo(404);
        Answer cleared = call("DELETE", "/api/debug/sequences/" + seq + "/traces", "dora:designer", null);
        assertThat(cleared.json()).containsEntry("deleted", 2);

        Answer off = call("DELETE", "/api/debug/sequences/" + seq, "dora:designer", null);
        assertThat(off.json()).containsEntry("on", false).containsEntry("closedBy", "dora");
    }

    @Test
    void shouldRefuseUsersWithoutTheDesignerRole() throws Exception {
        // given
        String seq = sequence();

        // when
        Answer answer = call("PUT", "/api/debug/sequences/" + seq, "sam:support", Map.of("minutes", 5));

        // then
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).isEqualTo(Problems.CONTENT_TYPE);
        assertThat(fx.debugger.windows().active(seq)).isNull();
    }

    @Test
    void shouldLetOnlyAdminsGrantRevealAndOnlyGranteesOpenUnredactedWindows() throws Exception {
        // given
        String seq = sequence();

        // when / then
        assertThat(call("PUT", "/api/debug/sequences/" + seq, "ivy:designer", Map.of("reveal", true)).status()).isEqualTo(403);
        assertThat(call("PUT", "/api/debug/reveal-grants/ivy", "ivy:designer", null).status()).isEqualTo(403);
        assertThat(call("PUT", "/api/debug/reveal-grants/ghost", "boss:admin", null).status()).as("no such user").isEqualTo(404);
        assertThat(call("PUT", "/api/debug/reveal-grants/sam", "boss:admin", null).status()).as("not a designer").isEqualTo(409);
        assertThat(call("GET", "/api/debug/reveal-grants/ghost", "boss:admin", null).status()).isEqualTo(404);
        Answer granted = call("PUT", "/api/debug/reveal-grants/ivy", "boss:admin", null);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json()).containsEntry("grantedBy", "boss");
        assertThat(call("GET", "/api/debug/reveal-grants", "boss:admin", null).body())
                .asInstanceOf(LIST)
                .anySatisfy(g -> assertThat(g).asInstanceOf(MAP)
                        .containsEntry("username", "ivy").containsEntry("grantedBy", "boss"));
        assertThat(call("GET", "/api/debug/reveal-grants", "ivy:designer", null).status()).isEqualTo(403);
        Answer on = call("PUT", "/api/debug/sequences/" + seq, "ivy:designer", Map.of("reveal", true, "minutes", 10));
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json()).containsEntry("reveal", true).containsEntry("remainingSeconds", 600);
        ExecutionResult run = fx.lethe.run(seq, Map.of("email", "ivy-sees@example.org"));
        fx.flush();
        Answer clear = call("GET", "/api/debug/traces/" + run.executionId(), "ivy:designer", null);
        assertThat(clear.json()).containsEntry("redacted", false).containsEntry("input", Map.of("email", "ivy-sees@example.org"));
        assertThat(call("GET", "/api/debug/traces/" + run.executionId(), "dora:designer", null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/debug/traces/" + run.executionId() + "/replay", "dora:designer", null).status()).isEqualTo(403);
        assertThat(call("DELETE", "/api/debug/reveal-grants/ivy", "boss:admin", null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/debug/reveal-grants/ivy", "boss:admin", null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/debug/reveal-grants", "boss:admin", null).body())
                .asInstanceOf(LIST)
                .noneSatisfy(g -> assertThat(g).asInstanceOf(MAP)
                        .containsEntry("username", "ivy"));
    }

    @Test
    void shouldReportEveryBadFieldAndExplainARefusedReplay() throws Exception {
        // given
        String seq = sequence();

        // when
        Answer bad = call("PUT", "/api/debug/sequences/" + seq, "dora:designer", Map.of("minutes", "soon", "colour", "red"));
        Answer tooLong = call("PUT", "/api/debug/sequences/" + seq, "dora:designer", Map.of("minutes", 100_000));
        fx.debugger.windows().open(seq, "dora", null, false);
        ExecutionResult run = fx.lethe.run(seq, Map.of("password", "pw-never-shown"));
        fx.flush();
        Answer refused = call("POST", "/api/debug/traces/" + run.executionId() + "/replay", "dora:designer", null);

        // then
        assertThat(bad.status()).isEqualTo(400);
        assertThat((List<?>) bad.json().get("errors")).hasSize(2);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(refused.status()).isEqualTo(409);
        assertThat((String) refused.json().get("detail")).contains("redacted at capture");
        assertThat(call("GET", "/api/debug/sequences/nope-" + seq, "dora:designer", null).json()).containsEntry("on", false);
        assertThat(call("PUT", "/api/debug/sequences/nope-" + seq, "dora:designer", Map.of()).status()).isEqualTo(404);
    }
}
