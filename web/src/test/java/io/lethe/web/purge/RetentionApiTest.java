package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.job.Housekeeping;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention policy over REST: everyone reads it, admins set it, bad input changes nothing. */
class RetentionApiTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetAnAdminSetHowLongEachStoreKeepsItsDataAndEveryoneSeeIt() {
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken();
            server.post("/api/users", admin, new JsonObject().put("username", "dora").put("password", "a-long-enough-password")
                    .put("roles", new JsonArray(List.of("designer"))));
            String designer = server.login("dora", "a-long-enough-password");
            server.post("/api/models", designer, new JsonObject().put("name", "lead").put("retentionDays", 90)
                    .put("attributes", new JsonArray().add(new JsonObject().put("name", "email").put("type", "string"))));

            JsonObject before = server.get("/api/retention", designer).json();
            assertThat(before.getLong("deactivatedDays")).isEqualTo(30);
            assertThat(before.getLong("traceDays")).isEqualTo(7);
            assertThat(before.getJsonObject("defaults").getLong("logDays")).isEqualTo(30);
            assertThat(before.containsKey("updatedBy")).isFalse();
            assertThat(before.getJsonArray("models").getJsonObject(0).getMap()).containsEntry("model", "lead").containsEntry("retentionDays", 90);
            assertThat(before.getJsonArray("jobs").stream().map(j -> ((JsonObject) j).getString("job")))
                    .contains(Housekeeping.JOB, "log-retention", "debug-trace-retention", "backup");

            String wanted = "{\"deactivatedDays\":14,\"executionDays\":7,\"logDays\":10,\"traceDays\":2,\"backupsKept\":3}";
            assertThat(server.send("PUT", "/api/retention", designer, wanted).status()).isEqualTo(403);

            Response set = server.send("PUT", "/api/retention", admin, wanted);

            assertThat(set.status()).as(set.body()).isEqualTo(200);
            JsonObject after = server.get("/api/retention", designer).json();
            assertThat(after.getLong("executionDays")).isEqualTo(7);
            assertThat(after.getLong("logDays")).isEqualTo(10);
            assertThat(after.getInteger("backupsKept")).isEqualTo(3);
            assertThat(after.getString("updatedBy")).isEqualTo("admin");
            assertThat(after.getJsonObject("defaults").getLong("executionDays")).as("the flags' values").isEqualTo(30);
            assertThat(server.get("/api/models/lead/stats", designer).json().getString("note"))
                    .contains("14 days after deactivation");

            server.send("PUT", "/api/retention", admin, wanted.replace("\"traceDays\":2", "\"traceDays\":1"));
            JsonArray history = server.get("/api/retention", designer).json().getJsonArray("history");
            assertThat(history.stream().map(c -> ((JsonObject) c).getLong("traceDays"))).as("newest first").containsExactly(1L, 2L);
            assertThat(history.getJsonObject(1).getString("by")).isEqualTo("admin");

            server.restart();
            assertThat(server.get("/api/retention", server.adminToken()).json().getLong("deactivatedDays")).isEqualTo(14);
        }
    }

    @Test
    void shouldRefuseRetentionThatIsNotAWholeNumberOfDaysInRangeAndChangeNothing() {
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken();

            Response refused = server.send("PUT", "/api/retention", admin,
                    "{\"deactivatedDays\":0,\"executionDays\":1.5,\"logDays\":\"30\",\"backupsKept\":1001,\"extra\":1}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")
                    + " " + ((JsonObject) e).getString("message")))
                    .containsExactlyInAnyOrder("/extra unknown field", "/deactivatedDays must be from 1 to 36500",
                            "/executionDays must be a whole number", "/logDays must be a whole number", "/traceDays is required",
                            "/backupsKept must be from 1 to 1000");
            assertThat(server.get("/api/retention", admin).json().getLong("deactivatedDays")).isEqualTo(30);
        }
    }
}
