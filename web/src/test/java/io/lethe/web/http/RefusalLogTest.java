package io.lethe.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lethe.http.Problems;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A refused request is logged by its title, the fields at fault and its route, never by what was sent. */
class RefusalLogTest {

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(Problems.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void shouldLogWhichFieldsWereRefusedButNotTheValueQuotedInTheAnswer() {
        String value = "ref-" + UUID.randomUUID() + "@corp.example";
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken();
            server.post("/api/models", admin, new JsonObject().put("name", "person").put("attributes", new JsonArray()
                    .add(new JsonObject().put("name", "boss").put("type", "reference").put("reference", "person")
                            .put("sensitivity", "personal"))));

            Response refused = server.post("/api/models/person/instances", admin, new JsonObject().put("boss", value));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).as("the sender is told what it sent").contains(value);
            ILoggingEvent line = lines.list.stream().filter(e -> e.getFormattedMessage().startsWith("request refused"))
                    .findFirst().orElseThrow();
            assertThat(line.getFormattedMessage()).isEqualTo("request refused: Invalid request");
            assertThat(line.getKeyValuePairs()).anySatisfy(kv -> {
                assertThat(kv.key).isEqualTo("fields");
                assertThat(kv.value).isEqualTo("/boss");
            });
            assertThat(lines.list).noneSatisfy(e -> assertThat(e.getFormattedMessage() + e.getKeyValuePairs()).contains(value));
        }
    }

    @Test
    void shouldNameARefusedRequestByItsRoutesPatternNeverByItsPath() {
        String canary = "zoe" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken();

            Response noUser = server.get("/api/users/" + canary, admin);
            Response noToken = server.get("/api/models/" + canary + "/instances/" + canary, null);
            Response noRoute = server.get("/api/" + canary + "/x", admin);

            assertThat(noUser.status()).isEqualTo(404);
            assertThat(noToken.status()).isEqualTo(401);
            assertThat(noRoute.status()).isEqualTo(404);
            assertThat(noUser.json().getString("instance")).as("the caller is told the path").contains(canary);
            assertThat(lines.list.stream().filter(e -> e.getFormattedMessage().startsWith("request refused"))
                    .map(e -> e.getKeyValuePairs().stream().filter(kv -> kv.key.equals("path")).findFirst().orElseThrow().value))
                    .containsExactly("/api/users/:username", "/api/models/:model/instances/:id", "/api/…");
            assertThat(lines.list).noneSatisfy(e -> assertThat(e.getFormattedMessage() + e.getKeyValuePairs()).contains(canary));
        }
    }
}
