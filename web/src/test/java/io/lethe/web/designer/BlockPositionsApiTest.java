package io.lethe.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the designer put each block: saved with the sequence, in its versions and bundles, checked strictly. */
class BlockPositionsApiTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static String designer;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        designer = server.adminToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Two log blocks, {@code first -> second}; {@code second} is placed only when {@code secondAt} is given. */
    static JsonObject twoBlocks(String name, JsonObject firstAt, Object secondAt) {
        JsonObject second = new JsonObject().put("id", "second").put("type", "log").put("config", new JsonObject().put("message", "two"));
        if (secondAt != null) {
            second.put("position", secondAt);
        }
        return new JsonObject().put("name", name).put("entry", "first").put("blocks", new JsonArray()
                .add(new JsonObject().put("id", "first").put("type", "log").put("config", new JsonObject().put("message", "one"))
                        .put("next", new JsonObject().put("next", "second")).put("position", firstAt))
                .add(second));
    }

    static JsonObject at(double x, double y) {
        return new JsonObject().put("x", x).put("y", y);
    }

    static JsonObject block(JsonObject sequence, int index) {
        return sequence.getJsonArray("blocks").getJsonObject(index);
    }

    @Test
    void shouldKeepPositionsThroughSaveReadVersionsDiffRestoreAndTransfer() {
        // given a sequence saved with one placed block and one never placed
        Response created = server.post("/api/sequences", designer, twoBlocks("placed", at(120, 40), null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // then it reads back with the same position, and the unplaced block has no position field at all
        JsonObject read = server.get("/api/sequences/placed", designer).json();
        assertThat(block(read, 0).getJsonObject("position").getDouble("x")).isEqualTo(120.0);
        assertThat(block(read, 0).getJsonObject("position").getDouble("y")).isEqualTo(40.0);
        assertThat(block(read, 1).containsKey("position")).isFalse();

        // when the designer moves the first block and places the second (integer and fractional numbers)
        Response moved = server.send("PUT", "/api/sequences/placed", designer,
                twoBlocks("placed", at(-300.25, 512), new JsonObject().put("x", 400).put("y", -20)).encode(), "\"1\"");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        // then the answer, the stored sequence and both versions hold what was saved at each point
        JsonObject current = server.get("/api/sequences/placed", designer).json();
        assertThat(block(moved.json(), 0).getJsonObject("position")).isEqualTo(block(current, 0).getJsonObject("position"));
        assertThat(block(current, 0).getJsonObject("position").getDouble("x")).isEqualTo(-300.25);
        assertThat(block(current, 1).getJsonObject("position").getDouble("x")).isEqualTo(400.0);
        assertThat(block(current, 1).getJsonObject("position").getDouble("y")).isEqualTo(-20.0);
        JsonObject v1 = server.get("/api/sequences/placed/versions/1", designer).json().getJsonObject("document");
        JsonObject v2 = server.get("/api/sequences/placed/versions/2", designer).json().getJsonObject("document");
        assertThat(block(v1, 0).getJsonObject("position").getDouble("x")).isEqualTo(120.0);
        assertThat(block(v2, 0).getJsonObject("position").getDouble("y")).isEqualTo(512.0);

        // and the diff says which coordinates changed and which block was placed
        JsonArray changes = server.get("/api/sequences/placed/diff?from=1&to=2", designer).json().getJsonArray("changes");
        assertThat(changes.stream().map(c -> ((JsonObject) c).getString("path") + " " + ((JsonObject) c).getString("op")))
                .containsExactlyInAnyOrder("/version changed", "/blocks/first/position/x changed", "/blocks/first/position/y changed",
                        "/blocks/second/position added");

        // when version 1 is restored, then its positions are current again
        Response restored = server.send("POST", "/api/sequences/placed/versions/1/restore", designer, null);
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        JsonObject back = server.get("/api/sequences/placed", designer).json();
        assertThat(block(back, 0).getJsonObject("position")).isEqualTo(block(v1, 0).getJsonObject("position"));
        assertThat(block(back, 1).containsKey("position")).isFalse();

        // when exported and imported under another name, then the copy has the same blocks, positions included
        JsonObject bundle = server.get("/api/export?sequences=placed", designer).json();
        assertThat(block(bundle.getJsonArray("sequences").getJsonObject(0), 0).getJsonObject("position").getDouble("x")).isEqualTo(120.0);
        bundle.getJsonArray("sequences").getJsonObject(0).put("name", "placed_copy");
        Response imported = server.post("/api/import", designer, bundle);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(server.get("/api/sequences/placed_copy", designer).json().getJsonArray("blocks")).isEqualTo(back.getJsonArray("blocks"));
    }

    @Test
    void shouldRefuseABadPositionNamingTheFieldAndChangeNothing() {
        // given a saved sequence
        assertThat(server.post("/api/sequences", designer, twoBlocks("steady", at(10, 20), at(300, 20))).status()).isEqualTo(201);
        String before = server.get("/api/sequences/steady", designer).body();

        // when saves carry bad positions for the second block, then each is refused naming the field
        record Case(Object position, String pointer, String message) {
        }
        List<Case> cases = List.of(
                new Case("left", "/blocks/1/position", "must be an object"),
                new Case(new JsonArray().add(1).add(2), "/blocks/1/position", "must be an object"),
                new Case(new JsonObject().put("x", 10), "/blocks/1/position/y", "is required"),
                new Case(new JsonObject().put("x", "12").put("y", 3), "/blocks/1/position/x", "must be a number"),
                new Case(new JsonObject().putNull("x").put("y", 3), "/blocks/1/position/x", "is required"),
                new Case(new JsonObject().put("x", true).put("y", 3), "/blocks/1/position/x", "must be a number"),
                new Case(at(1, 2).put("z", 3), "/blocks/1/position/z", "unknown field"),
                new Case(at(2_000_000, 3), "/blocks/1/position/x", "must be a finite number between -1000000 and 1000000"),
                new Case(at(3, -1e9), "/blocks/1/position/y", "must be a finite number between -1000000 and 1000000"),
                new Case("INFINITY", "/blocks/1/position/x", "must be a finite number"));
        for (Case c : cases) {
            String body = twoBlocks("steady", at(10, 20), c.position()).encode()
                    .replace("\"INFINITY\"", "{\"x\":1e400,\"y\":0}"); // JSON has no Infinity, but 1e400 reads as one
            Response refused = server.send("PUT", "/api/sequences/steady", designer, body, "\"1\"");

            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
            assertThat(error.getString("pointer")).as(body).isEqualTo(c.pointer());
            assertThat(error.getString("message")).as(body).startsWith(c.message());
        }

        // and nothing changed: same document, still version 1, no new version
        assertThat(server.get("/api/sequences/steady", designer).body()).isEqualTo(before);
        assertThat(server.get("/api/sequences/steady", designer).header("ETag")).isEqualTo("\"1\"");
        assertThat(new JsonArray(server.get("/api/sequences/steady/versions", designer).body())).hasSize(1);

        // nor is a sequence created or imported with a bad position
        assertThat(server.post("/api/sequences", designer, twoBlocks("fresh", at(1e7, 0), null)).status()).isEqualTo(400);
        assertThat(server.get("/api/sequences/fresh", designer).status()).isEqualTo(404);
        JsonObject bundle = new JsonObject().put("format", "lethe-bundle/1")
                .put("sequences", new JsonArray().add(twoBlocks("smuggled", new JsonObject().put("x", "far").put("y", 0), null)));
        Response refusedImport = server.post("/api/import", designer, bundle);
        assertThat(refusedImport.status()).isEqualTo(400);
        assertThat(refusedImport.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/sequences/0/blocks/0/position/x");
        assertThat(server.get("/api/sequences/smuggled", designer).status()).isEqualTo(404);
    }
}
