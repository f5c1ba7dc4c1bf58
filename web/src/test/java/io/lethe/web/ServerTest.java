package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldAnswerHealthWithoutCredentials() {
        Response health = server.get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getString("database")).isEqualTo("embedded");
        assertThat(health.json().getString("version")).isNotBlank().isNotEqualTo("dev");
        assertThat(health.json().getLong("uptimeSeconds")).isNotNegative();
    }

    @Test
    void shouldEchoTheCallersCorrelationIdOrMakeOne() {
        Response given = server.send("GET", "/health", null, null);
        assertThat(given.header("X-Correlation-Id")).isNotBlank();

        Response mine = server.get("/api/users", null);
        assertThat(mine.json().getString("correlationId")).isEqualTo(mine.header("X-Correlation-Id"));
    }

    @Test
    void shouldExposePrometheusMetricsForHttpAndDatabase() {
        server.get("/health", null);

        Response metrics = server.get("/metrics", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("vertx_http_server_requests_total").contains("mongodb_driver_commands_seconds");
    }

    @Test
    void shouldAnswerUnknownApiRoutesWithProblemJson() {
        Response missing = server.get("/api/no-such-thing", server.adminToken());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
        assertThat(missing.json().getInteger("status")).isEqualTo(404);
    }

    @Test
    void shouldRefuseMalformedJsonAndOversizedBodiesWithProblemJson() {
        String token = server.adminToken();

        Response malformed = server.send("POST", "/api/users", token, "{not json");
        Response notAnObject = server.send("POST", "/api/users", token, "[1,2]");
        Response oversized = server.send("POST", "/api/users", token,
                new JsonObject().put("username", "x".repeat(Lethe.MAX_BODY_BYTES)).encode());

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).isEqualTo("application/problem+json");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().getJsonArray("errors").getJsonObject(0).getString("message"))
                .isEqualTo("must be a JSON object");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void shouldListUsersForAdmins() {
        Response users = server.get("/api/users", server.adminToken());

        assertThat(users.status()).isEqualTo(200);
        JsonArray list = new JsonArray(users.body());
        assertThat(list.stream().map(u -> ((JsonObject) u).getString("username"))).contains("admin");
        assertThat(users.body()).doesNotContain("passwordHash").doesNotContain("argon2");
    }
}
