package io.lethe.web.debug;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayVersionTest {

    @TempDir
    Path dir;

    static JsonObject sequence(String answer) {
        return new JsonObject().put("name", "greet").put("entry", "say").put("blocks", new JsonArray()
                .add(new JsonObject().put("id", "say").put("type", "script")
                        .put("config", new JsonObject().put("source", "return '" + answer + " ' + input.n;"))));
    }

    @Test
    void shouldReplayATraceAgainstTheCurrentOrAChosenVersion() {
        try (TestServer server = TestServer.start(dir)) {
            String token = server.adminToken();
            server.post("/api/sequences", token, sequence("one"));
            server.send("PUT", "/api/sequences/greet", token, sequence("two").encode(), "\"1\"");
            server.send("PUT", "/api/debug/sequences/greet", token, new JsonObject().put("minutes", 5).encode());
            server.post("/api/sequences/greet/run", token, new JsonObject().put("input", new JsonObject().put("n", 7)));
            server.lethe().debugger().writer().flush(Duration.ofSeconds(5));
            JsonObject traces = server.get("/api/debug/sequences/greet/traces", token).json();
            String traced = traces.getJsonArray("traces").getJsonObject(0).getString("executionId");

            Response onCurrent = server.send("POST", "/api/debug/traces/" + traced + "/replay", token, null);
            Response onFirst = server.send("POST", "/api/debug/traces/" + traced + "/replay?version=1", token, null);
            Response onMissing = server.send("POST", "/api/debug/traces/" + traced + "/replay?version=9", token, null);

            server.lethe().engine().recorder().flush(Duration.ofSeconds(5));
            assertThat(version(server, token, onCurrent)).isEqualTo(2);
            assertThat(version(server, token, onFirst)).isEqualTo(1);
            assertThat(onMissing.status()).isEqualTo(404);
        }
    }

    private static int version(TestServer server, String token, Response replay) {
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        String executionId = replay.json().getString("executionId");
        return server.get("/api/executions/" + executionId, token).json().getInteger("version");
    }
}
