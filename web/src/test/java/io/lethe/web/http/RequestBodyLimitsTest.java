package io.lethe.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies no store can hold are refused where they come in, naming the field, and leave the database working. */
class RequestBodyLimitsTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        admin = server.adminToken();
        JsonObject model = new JsonObject().put("name", "typed").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "o").put("type", "object"))
                .add(new JsonObject().put("name", "n").put("type", "number")));
        assertThat(server.post("/api/models", admin, model).status()).isEqualTo(201);
        JsonObject keep = new JsonObject().put("name", "keep").put("entry", "build").put("blocks", new JsonArray()
                        .add(new JsonObject().put("id", "build").put("type", "script").put("next", new JsonObject().put("next", "store"))
                                .put("config", new JsonObject().put("source",
                                        "let o = 1; for (let i = 0; i < input.body.depth; i++) o = {a: o}; return o;")))
                        .add(new JsonObject().put("id", "store").put("type", "create-instance")
                                .put("config", new JsonObject().put("model", "typed")
                                        .put("values", new JsonObject().put("o", "{{steps.build.output}}")))))
                .put("triggers", new JsonArray().add(new JsonObject().put("type", "http").put("method", "POST").put("path", "/keep")));
        assertThat(server.post("/api/sequences", admin, keep).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldRefuseDeepValuesThroughTheApiAndThroughAHookAndKeepTheStoreWorking() throws Exception {
        // Given: an object attribute nested 400 levels deep (the embedded store's writer failed on it, then every request)
        String deep = "{\"o\":" + "{\"a\":".repeat(400) + "1" + "}".repeat(400) + "}";

        Response direct = server.send("POST", "/api/models/typed/instances", admin, deep);
        Response hook = server.send("POST", "/hooks/keep", null, deep);
        Response built = server.send("POST", "/hooks/keep", null, "{\"depth\":400}"); // by a script

        assertThat(direct.status()).isEqualTo(400);
        assertThat(direct.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains("nests deeper than 64 levels");
        assertThat(hook.status()).isEqualTo(400);
        assertThat(hook.json().getString("detail")).isEqualTo("the request body nests deeper than 64 levels");
        assertThat(built.status()).as(built.body()).isEqualTo(500);
        server.lethe().engine().recorder().flush(Duration.ofSeconds(5));
        assertThat(server.get("/api/executions/" + built.json().getString("executionId"), admin).json().getString("error"))
                .contains("/o/a/a/a").contains("nests deeper than 64 levels");

        // Then: after the store's next write to its file it still answers, reads and writes
        Thread.sleep(1_500);
        assertThat(server.get("/health", null).json().getString("databaseStatus")).isEqualTo("UP");
        assertThat(server.send("POST", "/api/models/typed/instances", admin, "{\"o\":{\"a\":{\"b\":[1,2]}}}").status()).isEqualTo(201);
        assertThat(server.get("/api/models/typed/instances", admin).json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void shouldRefuseNumbersNoStoreHoldsNamingWhere() {
        Response huge = server.send("POST", "/api/models/typed/instances", admin, "{\"o\":{\"x\":[123456789012345678901234567890]}}");
        Response infinite = server.send("POST", "/api/models/typed/instances", admin, "{\"n\":1e400}");
        Response where = server.get("/api/models/typed/instances?where=%7B%22n%22%3A1e400%7D", admin);

        assertThat(pointer(huge)).isEqualTo("/o/x/0");
        assertThat(pointer(infinite)).isEqualTo("/n");
        assertThat(pointer(where)).isEqualTo("/where/n");
    }

    @Test
    void shouldRefuseTextAfterTheBodyAndKeysGivenTwiceOnEveryRoute() {
        Response trailing = server.send("POST", "/api/models", admin, "{\"name\":\"trail\",\"attributes\":[]} ]]]");
        Response twice = server.send("POST", "/api/models", admin, "{\"name\":\"a\",\"name\":\"b\",\"attributes\":[]}");
        Response userTwice = server.send("POST", "/api/users", admin,
                "{\"username\":\"x1\",\"username\":\"x2\",\"password\":\"a-long-enough-password\",\"roles\":[\"designer\"]}");

        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.json().getString("detail")).isEqualTo("the request body is not valid JSON");
        assertThat(pointer(twice)).isEqualTo("/name");
        assertThat(pointer(userTwice)).isEqualTo("/username");
        assertThat(twice.json().getString("title")).isEqualTo(userTwice.json().getString("title"));
        assertThat(server.get("/api/models/trail", admin).status()).isEqualTo(404);
        assertThat(server.get("/api/models/b", admin).status()).isEqualTo(404);
        assertThat(server.get("/api/users/x2", admin).status()).isEqualTo(404);
    }

    private static String pointer(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().getJsonArray("errors").getJsonObject(0).getString("pointer");
    }
}
