package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.retention.ValueRedactor;
import io.lethe.engine.testkit.RawBytes;
import io.lethe.web.MainAccess;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staff member who left asks to be forgotten: once the account is deleted, a value purge of the username replaces it
 * wherever Lethe recorded what they did (version authors, a hook key's maker, the export register, debug windows, the
 * debug audit and reveal grants, retention changes, manual runs, log lines), and no byte of it stays on disk. The
 * purge's own receipt names the admins who filed and approved it.
 */
class ForgetFormerStaffTest {

    private static final String PASSWORD = "a-long-enough-password";

    @TempDir
    Path dir;

    @Test
    void shouldForgetAFormerStaffMembersUsernameWhereverLetheRecordedWhatTheyDid() {
        try (TestServer server = TestServer.startWithFileLogs(dir)) {
            List<String> admins = Purging.twoAdmins(server);
            String alice = admins.get(0);
            String bob = admins.get(1);
            String carol = "carol" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            server.post("/api/users", alice, new JsonObject().put("username", carol).put("password", PASSWORD)
                    .put("roles", new JsonArray(List.of("admin", "designer"))));
            String token = server.login(carol, PASSWORD);
            actAs(server, token);
            assertThat(server.send("DELETE", "/api/users/" + carol, alice, null).status()).isEqualTo(204);
            server.lethe().debugger().writer().flush(Duration.ofSeconds(10));
            server.lethe().database().flush();
            assertThat(RawBytes.filesContaining(dir.resolve("db"), carol)).as("seeded").isNotEmpty();

            String id = server.post("/api/purge-requests", alice, new JsonObject()
                    .put("scope", new JsonObject().put("type", "value").put("value", carol))).json().getString("id");
            Response planned = server.send("POST", "/api/purge-requests/" + id + "/plan", alice, null);
            assertThat(planned(planned, "versions")).as("the sequence's version she saved").isEqualTo(1);
            assertThat(planned(planned, "name-references")).as("her hook key and her export").isEqualTo(2);
            assertThat(planned(planned, "debug-windows")).as("the window she opened and closed, its audit").isGreaterThanOrEqualTo(2);
            assertThat(planned(planned, "reveal-grants")).as("the grant she gave").isEqualTo(1);
            assertThat(planned(planned, "settings")).as("the retention she set").isEqualTo(1);
            assertThat(planned(planned, "executions")).as("the run she started").isEqualTo(1);
            server.send("POST", "/api/purge-requests/" + id + "/approve", bob, null);
            server.send("POST", "/api/purge-requests/" + id + "/run", alice, null);
            JsonObject done = Purging.await(server, id, alice);

            assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("completed");
            assertThat(server.get("/api/purge-requests/" + id + "/receipt", alice).body()).doesNotContain(carol).contains("bob");
            String author = new JsonArray(server.get("/api/sequences/greeter/versions", alice).body())
                    .getJsonObject(0).getString("author");
            assertThat(author).as("one marker per purge: what she did still reads as one person's").startsWith("redacted_");
            assertThat(server.get("/api/sequences/greeter/hook-key", alice).json().getString("createdBy")).isEqualTo(author);
            assertThat(server.get("/api/retention", alice).json().getJsonArray("history").getJsonObject(0).getString("by"))
                    .isEqualTo("[redacted]");
            assertThat(server.get("/api/debug/reveal-grants/bob", alice).json().getString("grantedBy")).isEqualTo("[redacted]");
            assertThat(RawBytes.filesContaining(dir, carol)).as("no byte of her username under the data directory").isEmpty();
        }
    }

    @Test
    void shouldNotBringAFormerStaffMembersAccountBackWhenABackupFromTheirTimeIsRestored() {
        try (TestServer server = TestServer.start(dir)) {
            List<String> admins = Purging.twoAdmins(server);
            String alice = admins.get(0);
            String carol = "carol" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            server.post("/api/users", alice, new JsonObject().put("username", carol).put("password", PASSWORD)
                    .put("roles", new JsonArray(List.of("admin", "designer"))));
            actAs(server, server.login(carol, PASSWORD));
            String backup = server.post("/api/backups", alice, new JsonObject()).json().getString("id");
            Path offsite = dir.resolve("offsite").resolve(backup);
            Purging.copy(dir.resolve("backups").resolve(backup), offsite);
            String early = server.post("/api/purge-requests", alice, new JsonObject().put("scope", new JsonObject()
                    .put("type", "value").put("value", carol.toUpperCase(Locale.ROOT)))).json().getString("id");
            assertThat(server.get("/api/purge-requests/" + early, alice).json().getJsonArray("notes").getString(0))
                    .as("filed while her account exists").contains("username of a staff account").doesNotContain(carol);
            server.send("POST", "/api/purge-requests/" + early + "/cancel", alice, null);
            assertThat(server.send("DELETE", "/api/users/" + carol, alice, null).status()).isEqualTo(204);

            String id = server.post("/api/purge-requests", alice, new JsonObject()
                    .put("scope", new JsonObject().put("type", "value").put("value", carol))).json().getString("id");
            assertThat(server.send("POST", "/api/purge-requests/" + id + "/plan", alice, null).json().containsKey("notes"))
                    .as("her account is gone: nothing to add").isFalse();
            server.send("POST", "/api/purge-requests/" + id + "/approve", admins.get(1), null);
            server.send("POST", "/api/purge-requests/" + id + "/run", alice, null);
            assertThat(Purging.await(server, id, alice).getString("status")).isEqualTo("completed");
            assertThat(RawBytes.filesContaining(dir.resolve("backups"), carol)).as("her account gone from the archive").isEmpty();
            for (Path archives : List.of(dir.resolve("backups"), offsite.getParent())) { // rewritten by the purge; out of its reach
                int[] code = {-1};
                server.restart(() -> code[0] = MainAccess.run(new StringWriter(), new StringWriter(), "backup", "restore", backup,
                        "--data", dir.toString(), "--backups", archives.toString()));

                assertThat(code[0]).as("restored from " + archives).isZero();
                assertThat(server.send("POST", "/api/auth/login", null, new JsonObject().put("username", carol)
                        .put("password", PASSWORD).encode()).status()).as("her account stays gone").isEqualTo(401);
                assertThat(server.send("POST", "/api/auth/login", null, new JsonObject().put("username", ValueRedactor.REPLACEMENT)
                        .put("password", PASSWORD).encode()).status()).as("nor is it kept under another name").isEqualTo(401);
                assertThat(server.get("/api/users", server.adminToken()).body()).as("restored from " + archives)
                        .doesNotContain(carol, ValueRedactor.REPLACEMENT).contains("alice");
            }
        }
    }

    /** What a designer and admin leaves behind in a working week. */
    private static void actAs(TestServer server, String token) {
        assertThat(server.post("/api/sequences", token, new JsonObject().put("name", "greeter").put("entry", "say")
                .put("blocks", new JsonArray().add(new JsonObject().put("id", "say").put("type", "log")
                        .put("config", new JsonObject().put("message", "hello"))))).status()).isEqualTo(201);
        assertThat(server.send("POST", "/api/sequences/greeter/hook-key", token, null).status()).isEqualTo(201);
        assertThat(server.post("/api/sequences/greeter/run", token, new JsonObject().put("input", new JsonObject())).status())
                .isEqualTo(200);
        assertThat(server.get("/api/export", token).status()).isEqualTo(200);
        assertThat(server.send("PUT", "/api/debug/sequences/greeter", token, new JsonObject().put("minutes", 10).encode()).status())
                .isEqualTo(200);
        assertThat(server.send("DELETE", "/api/debug/sequences/greeter", token, null).status()).isEqualTo(200);
        assertThat(server.send("PUT", "/api/debug/reveal-grants/bob", token, null).status()).isEqualTo(200);
        assertThat(server.send("PUT", "/api/retention", token,
                "{\"deactivatedDays\":14,\"executionDays\":7,\"logDays\":10,\"traceDays\":2,\"backupsKept\":3}").status()).isEqualTo(200);
    }

    private static long planned(Response planned, String target) {
        return planned.json().getJsonArray("targets").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("target").equals(target)).findFirst().orElseThrow().getLong("planned");
    }
}
