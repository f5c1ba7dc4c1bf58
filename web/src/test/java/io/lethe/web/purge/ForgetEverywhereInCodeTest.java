package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subject forgotten everywhere whose first name is a word JavaScript uses: the name goes from the data and from the
 * strings of a script, while the script's {@code Math.max} stays and the sequence keeps running.
 */
class ForgetEverywhereInCodeTest {

    @TempDir
    Path dir;

    @Test
    void shouldForgetAFirstNameEverywhereAndLeaveJavaScriptsOwnNamesInScripts() {
        try (TestServer server = TestServer.start(dir)) {
            List<String> admins = Purging.twoAdmins(server);
            String alice = admins.get(0);
            String bob = admins.get(1);
            server.post("/api/models", alice, new JsonObject().put("name", "customer").put("attributes", new JsonArray()
                    .add(new JsonObject().put("name", "firstName").put("type", "string").put("sensitivity", "personal"))));
            String max = server.post("/api/models/customer/instances", alice, new JsonObject().put("firstName", "Max"))
                    .json().getString("id");
            String source = "return { biggest: Math.max(input.a, input.b), note: 'written for Max' };";
            assertThat(server.post("/api/sequences", alice, new JsonObject().put("name", "biggest").put("entry", "pick")
                    .put("blocks", new JsonArray().add(new JsonObject().put("id", "pick").put("type", "script")
                            .put("config", new JsonObject().put("source", source))))).status()).isEqualTo(201);
            assertThat(server.post("/api/backups", alice, new JsonObject()).status()).isEqualTo(201);

            String id = server.post("/api/purge-requests", alice, new JsonObject().put("scope", new JsonObject().put("type", "subject")
                    .put("model", "customer").put("ids", new JsonArray().add(max))
                    .put("attributes", new JsonObject().put("firstName", "null")).put("everywhere", true))).json().getString("id");
            Response planned = server.send("POST", "/api/purge-requests/" + id + "/plan", alice, null);
            JsonObject sequences = target(planned, "sequences");
            assertThat(sequences.getLong("planned")).as("the script's string, not its Math.max").isEqualTo(1);
            assertThat(sequences.getJsonArray("items")).as("named for review").containsExactly("biggest");
            server.send("POST", "/api/purge-requests/" + id + "/approve", bob, null);
            server.send("POST", "/api/purge-requests/" + id + "/run", alice, null);
            JsonObject done = Purging.await(server, id, alice);

            assertThat(done.getString("status")).as("verified: nothing left to find anywhere\n" + done.encodePrettily())
                    .isEqualTo("completed");
            assertThat(target(server.get("/api/purge-requests/" + id, alice), "sequences").getJsonArray("items"))
                    .as("the names listed for review go when the request is done").isEmpty();
            String kept = server.get("/api/sequences/biggest", alice).json().getJsonArray("blocks").getJsonObject(0)
                    .getJsonObject("config").getString("source");
            assertThat(kept).startsWith("return { biggest: Math.max(input.a, input.b), note: 'written for redacted_")
                    .doesNotContain("Max");
            Response ran = server.post("/api/sequences/biggest/run", alice, new JsonObject()
                    .put("input", new JsonObject().put("a", 2).put("b", 3)));
            assertThat(ran.status()).as(ran.body()).isEqualTo(200);
            assertThat(ran.body()).as("the sequence still runs").contains("\"biggest\":3").doesNotContain("Max");
            assertThat(server.get("/api/models/customer/instances/" + max, alice).body()).doesNotContain("Max");
        }
    }

    @Test
    void shouldLeaveTheWordsOfLetheAndJavaScriptSoThatDesignsStayReadableAndAgree() {
        try (TestServer server = TestServer.start(dir)) {
            List<String> admins = Purging.twoAdmins(server);
            String alice = admins.get(0);
            String bob = admins.get(1);
            server.post("/api/models", alice, new JsonObject().put("name", "product").put("attributes", new JsonArray()
                    .add(new JsonObject().put("name", "name").put("type", "string"))
                    .add(new JsonObject().put("name", "max").put("type", "number"))));
            server.post("/api/models/product/instances", alice, new JsonObject().put("name", "Type Max").put("max", 3));
            JsonObject sequence = new JsonObject().put("name", "kz").put("entry", "keys").put("blocks", new JsonArray()
                    .add(new JsonObject().put("id", "keys").put("type", "script")
                            .put("config", new JsonObject().put("source", "return {a: 1, max: 2, note: 'Keys for Max'};"))
                            .put("next", new JsonObject().put("next", "use")))
                    .add(new JsonObject().put("id", "use").put("type", "script").put("config", new JsonObject()
                            .put("source", "return Object.keys(steps.keys.output).length + steps.keys.output.max;"))));
            assertThat(server.post("/api/sequences", alice, sequence).status()).isEqualTo(201);

            // a person called "Type Max", forgotten word by word: words that are also Lethe's or JavaScript's
            String id = server.post("/api/purge-requests", alice, new JsonObject().put("scope", new JsonObject().put("type", "value")
                    .put("values", new JsonArray(List.of("Type", "Name", "Keys", "Max"))))).json().getString("id");
            server.send("POST", "/api/purge-requests/" + id + "/plan", alice, null);
            server.send("POST", "/api/purge-requests/" + id + "/approve", bob, null);
            server.send("POST", "/api/purge-requests/" + id + "/run", alice, null);
            JsonObject done = Purging.await(server, id, alice);

            assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("completed");
            assertThat(server.get("/api/models", alice).status()).as("every design still reads").isEqualTo(200);
            assertThat(server.get("/api/sequences", alice).status()).isEqualTo(200);
            assertThat(server.get("/api/models/product", alice).body()).contains("\"name\":\"max\"", "\"name\":\"name\"");
            assertThat(server.get("/api/models/product/instances", alice).body()).as("keys stay, the text goes")
                    .contains("\"max\":3").doesNotContain("Type Max");
            String source = server.get("/api/sequences/kz", alice).json().getJsonArray("blocks").getJsonObject(0)
                    .getJsonObject("config").getString("source");
            assertThat(source).startsWith("return {a: 1, max: 2, note: 'redacted_").doesNotContain("Keys", "Max");
            Response ran = server.post("/api/sequences/kz/run", alice, new JsonObject().put("input", new JsonObject()));
            assertThat(ran.body()).as("the block called keys, the script reading it and its key max agree").contains("5");
        }
    }

    private static JsonObject target(Response planned, String target) {
        return planned.json().getJsonArray("targets").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("target").equals(target)).findFirst().orElseThrow();
    }

}
