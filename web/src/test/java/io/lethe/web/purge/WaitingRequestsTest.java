package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.testkit.RawBytes;
import io.lethe.web.testkit.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purge request waiting to run follows the designs a value purge renames meanwhile. */
class WaitingRequestsTest {

    @TempDir
    Path dir;

    @Test
    void shouldRenameTheModelAWaitingSubjectPurgeNamesSoThatItStillRunsAndHoldsNoValue() {
        try (TestServer server = TestServer.start(dir)) {
            List<String> admins = Purging.twoAdmins(server);
            String alice = admins.get(0);
            String bob = admins.get(1);
            String canary = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            server.post("/api/models", alice, new JsonObject().put("name", canary + "_people").put("attributes", new JsonArray()
                    .add(new JsonObject().put("name", "email").put("type", "string"))));
            String one = server.post("/api/models/" + canary + "_people/instances", alice, new JsonObject().put("email", "a@x.org"))
                    .json().getString("id");
            String waiting = server.post("/api/purge-requests", alice, new JsonObject().put("scope", new JsonObject()
                    .put("type", "subject").put("model", canary + "_people").put("ids", new JsonArray().add(one))
                    .put("attributes", new JsonObject().put("email", "null")))).json().getString("id");
            server.send("POST", "/api/purge-requests/" + waiting + "/plan", alice, null);
            server.send("POST", "/api/purge-requests/" + waiting + "/approve", bob, null);

            String value = server.post("/api/purge-requests", alice, new JsonObject().put("scope", new JsonObject()
                    .put("type", "value").put("value", canary))).json().getString("id");
            JsonObject planned = server.send("POST", "/api/purge-requests/" + value + "/plan", alice, null).json();
            assertThat(planned.getJsonArray("targets").stream().map(JsonObject.class::cast)
                    .filter(t -> t.getString("target").equals("waiting-requests")).findFirst().orElseThrow().getLong("planned"))
                    .isEqualTo(1);
            server.send("POST", "/api/purge-requests/" + value + "/approve", bob, null);
            server.send("POST", "/api/purge-requests/" + value + "/run", alice, null);
            assertThat(Purging.await(server, value, alice).getString("status")).isEqualTo("completed");

            JsonObject renamed = server.get("/api/purge-requests/" + waiting, alice).json();
            assertThat(renamed.getString("status")).as("still waiting to run").isEqualTo("approved");
            assertThat(renamed.getString("description")).startsWith("instances of model 'redacted_").doesNotContain(canary);
            server.send("POST", "/api/purge-requests/" + waiting + "/run", alice, null);
            JsonObject done = Purging.await(server, waiting, alice);
            assertThat(done.getString("status")).as("it finds the renamed model\n" + done.encodePrettily()).isEqualTo("completed");
            assertThat(RawBytes.filesContaining(dir, canary)).as("no byte of it under the data directory").isEmpty();
        }
    }

}
