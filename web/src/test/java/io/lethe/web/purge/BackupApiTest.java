package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.testkit.RawBytes;
import io.lethe.web.MainAccess;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups over REST and the CLI, and as purge targets, against a real server. */
class BackupApiTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        String admin = server.adminToken();
        for (String name : List.of("alice", "bob")) {
            server.post("/api/users", admin, new JsonObject().put("username", name).put("password", "a-long-enough-password")
                    .put("roles", new JsonArray(List.of("admin", "designer"))));
        }
        alice = server.login("alice", "a-long-enough-password");
        bob = server.login("bob", "a-long-enough-password");
        server.post("/api/models", alice, new JsonObject().put("name", "customer").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "email").put("type", "string").put("sensitivity", "personal"))
                .add(new JsonObject().put("name", "note").put("type", "string"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldNotResurrectAPurgedSubjectOrValueWhenAnOlderBackupCopyIsRestored() {
        // given: a backup, kept also as an off-site copy (which no purge can rewrite)
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String ada = server.post("/api/models/customer/instances", alice,
                new JsonObject().put("email", canary + "@example.org").put("note", "regular")).json().getString("id");
        String bea = server.post("/api/models/customer/instances", alice,
                new JsonObject().put("email", "bea@example.org").put("note", "nickname " + canary + "bea")).json().getString("id");
        String carl = server.post("/api/models/customer/instances", alice,
                new JsonObject().put("email", "carl@example.org").put("note", "stays")).json().getString("id");
        String dan = server.post("/api/models/customer/instances", alice,
                new JsonObject().put("email", "dan@example.org").put("note", canary + "@example.org")).json().getString("id");
        Response taken = server.send("POST", "/api/backups", alice, null);
        assertThat(taken.status()).isEqualTo(201);
        String id = taken.json().getString("id");
        Path offsite = dir.resolve("offsite");
        Purging.copy(dir.resolve("backups").resolve(id), offsite.resolve(id));

        // and: the subject (its address also wherever else it is), then an exact value, are purged after the backup
        assertThat(purge(new JsonObject().put("type", "subject").put("model", "customer")
                .put("where", new JsonObject().put("email", canary + "@example.org"))
                .put("attributes", new JsonObject().put("email", "hmac").put("note", "mask")).put("everywhere", true))
                .getString("status")).isEqualTo("completed");
        assertThat(data(dan).getString("note")).isEqualTo("[redacted]");
        assertThat(purge(new JsonObject().put("type", "value").put("value", "nickname " + canary + "bea")).getString("status"))
                .isEqualTo("completed");
        assertThat(RawBytes.filesContaining(dir.resolve("backups"), canary)).as("archives rewritten at purge time").isEmpty();
        assertThat(RawBytes.filesContaining(offsite, canary)).as("the off-site copy still holds it").isNotEmpty();

        // when: the server is stopped and the off-site copy restored
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        server.restart(() -> code[0] = MainAccess.run(out, err, "backup", "restore", id, "--data", dir.toString(),
                "--backups", offsite.toString()));

        // then
        assertThat(code[0]).as(err.toString()).isZero();
        assertThat(out.toString()).contains("purge ledger replayed (2 purge(s)").doesNotContain(canary);
        JsonObject restoredAda = server.get("/api/models/customer/instances/" + ada, alice).json().getJsonObject("data");
        assertThat(restoredAda.getString("email")).startsWith("hmac:");
        assertThat(restoredAda.getString("note")).isEqualTo("[purged]");
        assertThat(data(bea).getString("note")).isEqualTo("[redacted]");
        assertThat(data(carl).getString("note")).isEqualTo("stays");
        assertThat(data(dan).getString("note")).as("the subject's address, found again by its keyed hash").isEqualTo("[redacted]");
        server.lethe().database().flush();
        assertThat(RawBytes.filesContaining(dir.resolve("db"), canary + "@")).as("nothing resurrected in the database").isEmpty();
    }

    @Test
    void shouldRestoreAnArchiveWhoseModelALaterValuePurgeRenamed() {
        // given: a backup, then a subject purge on a model whose name holds a value a later purge forgets
        String canary = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.post("/api/models", alice, new JsonObject().put("name", canary + "_people").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "email").put("type", "string"))));
        String one = server.post("/api/models/" + canary + "_people/instances", alice, new JsonObject().put("email", "a@x.org"))
                .json().getString("id");
        String id = server.send("POST", "/api/backups", alice, null).json().getString("id");
        JsonObject subject = purge(new JsonObject().put("type", "subject").put("model", canary + "_people")
                .put("ids", new JsonArray().add(one)).put("attributes", new JsonObject().put("email", "null")));
        assertThat(subject.getString("status")).isEqualTo("completed");
        JsonObject receipt = server.get("/api/purge-requests/" + subject.getString("id") + "/receipt", alice).json();
        assertThat(receipt.getJsonObject("receipt").encode()).as("the ledger keeps names as keyed hashes").doesNotContain(canary);
        assertThat(receipt.getString("scopeShown")).as("shown by the name the model has now")
                .startsWith("instances of model '" + canary + "_people' selected by 1 id(s); attributes [email→null]");
        assertThat(purge(new JsonObject().put("type", "value").put("value", canary)).getString("status")).isEqualTo("completed");
        assertThat(RawBytes.filesContaining(dir, canary)).as("not in the ledger, its mirror or the finished request").isEmpty();
        assertThat(server.get("/api/purge-requests/" + subject.getString("id"), alice).json().getString("description"))
                .as("the model's old name is no design's now").contains("instances of model 'name:");

        // when: restored (the subject purge's model is no longer there under its name)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        server.restart(() -> code[0] = MainAccess.run(out, err, "backup", "restore", id, "--data", dir.toString()));

        // then: restored and served; the report names no value
        assertThat(code[0]).as(err.toString()).isZero();
        assertThat(out.toString()).contains("nothing to replay").doesNotContain(canary);
        assertThat(server.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void shouldDeleteArchivesInATimeRangeThroughTheApprovedPurgeLifecycle() {
        // given
        String first = server.send("POST", "/api/backups", alice, null).json().getString("id");
        String second = server.send("POST", "/api/backups", alice, null).json().getString("id");
        Instant firstAt = createdAt(first);

        // when
        Response filed = server.post("/api/purge-requests", alice, new JsonObject().put("scope", new JsonObject()
                .put("type", "backups").put("from", firstAt.toString()).put("to", firstAt.plusMillis(1).toString())));
        String request = filed.json().getString("id");
        JsonObject planned = server.send("POST", "/api/purge-requests/" + request + "/plan", alice, null).json();
        assertThat(server.send("POST", "/api/purge-requests/" + request + "/approve", alice, null).status()).isEqualTo(409);
        assertThat(server.send("POST", "/api/purge-requests/" + request + "/approve", bob, null).status()).isEqualTo(200);
        server.send("POST", "/api/purge-requests/" + request + "/run", alice, null);
        JsonObject done = await(request);

        // then
        JsonObject target = target(planned, "backups");
        assertThat(target.getLong("planned")).isEqualTo(1);
        assertThat(target.getJsonArray("items").encode()).contains(first).contains(firstAt.toString()).doesNotContain(second);
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("completed");
        assertThat(ids()).contains(second).doesNotContain(first);
    }

    @Test
    void shouldRefuseToRestoreIntoADataDirectoryARunningServerUses() {
        // given
        String id = server.send("POST", "/api/backups", alice, null).json().getString("id");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // when
        int code = MainAccess.run(out, err, "backup", "restore", id, "--data", dir.toString());

        // then
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).contains("is in use by a running Lethe").doesNotContain("\n");
        assertThat(server.get("/api/backups", alice).status()).isEqualTo(200);
    }

    @Test
    void shouldLetOnlyAdminsListAndTakeBackups() {
        String admin = server.adminToken();
        server.post("/api/users", admin, new JsonObject().put("username", "dora").put("password", "a-long-enough-password")
                .put("roles", new JsonArray(List.of("designer"))));
        String dora = server.login("dora", "a-long-enough-password");

        assertThat(server.get("/api/backups", dora).status()).isEqualTo(403);
        assertThat(server.send("POST", "/api/backups", dora, null).status()).isEqualTo(403);
        assertThat(server.get("/api/backups/any/verify", dora).status()).isEqualTo(403);
        assertThat(server.get("/api/backups", alice).status()).isEqualTo(200);
    }

    @Test
    void shouldVerifyAnArchiveAndNameADamagedPartWithoutItsContent() throws IOException {
        String id = server.send("POST", "/api/backups", alice, null).json().getString("id");

        JsonObject intact = server.get("/api/backups/" + id + "/verify", alice).json();
        assertThat(intact.getBoolean("intact")).isTrue();
        assertThat(intact.getInteger("parts")).isPositive();
        assertThat(intact.getJsonArray("problems")).isEmpty();

        // when: one part's bytes change on disk
        Path part;
        try (Stream<Path> files = Files.list(dir.resolve("backups").resolve(id))) {
            part = files.filter(f -> f.getFileName().toString().contains("-models.")).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(part);
        try {
            Files.write(part, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            JsonObject damaged = server.get("/api/backups/" + id + "/verify", alice).json();

            // then: the archive is reported damaged, the part named
            assertThat(damaged.getBoolean("intact")).isFalse();
            assertThat(damaged.getJsonArray("problems").encode()).contains("models: checksum mismatch");
        } finally {
            Files.write(part, original);
        }
        assertThat(server.get("/api/backups/not-there/verify", alice).status()).isEqualTo(404);
        assertThat(server.get("/api/backups/..%2F..%2Fetc/verify", alice).status()).isEqualTo(404);
    }

    private static JsonObject data(String id) {
        return server.get("/api/models/customer/instances/" + id, alice).json().getJsonObject("data");
    }

    private static JsonObject purge(JsonObject scope) {
        String id = server.post("/api/purge-requests", alice, new JsonObject().put("scope", scope)).json().getString("id");
        server.send("POST", "/api/purge-requests/" + id + "/plan", alice, null);
        server.send("POST", "/api/purge-requests/" + id + "/approve", bob, null);
        server.send("POST", "/api/purge-requests/" + id + "/run", alice, null);
        return await(id);
    }

    private static Instant createdAt(String id) {
        return Instant.parse(new JsonArray(server.get("/api/backups", alice).body())
                .stream().map(JsonObject.class::cast).filter(b -> b.getString("id").equals(id)).findFirst().orElseThrow()
                .getString("createdAt"));
    }

    private static List<String> ids() {
        return new JsonArray(server.get("/api/backups", alice).body()).stream().map(JsonObject.class::cast)
                .map(b -> b.getString("id")).toList();
    }

    private static JsonObject target(JsonObject request, String name) {
        return request.getJsonArray("targets").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("target").equals(name)).findFirst().orElseThrow();
    }

    private static JsonObject await(String id) {
        return Purging.await(server, id, alice);
    }
}
