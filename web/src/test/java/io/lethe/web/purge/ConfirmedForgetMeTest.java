package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A "forget me" form that asks the person to confirm: the first hook mails a link holding a sealed token of the
 * address (through a connector to a mail service, played here by a local server), the second, behind the link, files
 * the purge request for the address the token gives back, whatever the caller claims.
 */
class ConfirmedForgetMeTest {

    @TempDir
    Path dir;

    @Test
    void shouldFileAPurgeRequestOnlyForTheAddressAConfirmedLinkCarries() throws IOException {
        List<JsonObject> mailed = new CopyOnWriteArrayList<>();
        HttpServer mailer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mailer.createContext("/send", exchange -> {
            mailed.add(new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        mailer.start();
        try (TestServer server = TestServer.start(dir)) {
            String admin = server.adminToken();
            server.post("/api/models", admin, new JsonObject().put("name", "visitor").put("attributes", new JsonArray()
                    .add(new JsonObject().put("name", "email").put("type", "string").put("sensitivity", "personal"))));
            server.post("/api/models/visitor/instances", admin, new JsonObject().put("email", "ada@example.org"));
            server.post("/api/connectors", admin, new JsonObject().put("name", "mailer")
                    .put("baseUrl", "http://127.0.0.1:" + mailer.getAddress().getPort()));
            assertThat(server.post("/api/sequences", admin, ask()).status()).isEqualTo(201);
            assertThat(server.post("/api/sequences", admin, confirm()).status()).isEqualTo(201);

            Response asked = server.post("/hooks/forget-me", null, new JsonObject().put("email", "ada@example.org"));

            assertThat(asked.status()).isEqualTo(202);
            assertThat(asked.body()).as("the token goes to the mailbox, not to the caller").doesNotContain("token");
            JsonObject mail = mailed.getFirst();
            assertThat(mail.getString("to")).isEqualTo("ada@example.org");
            String token = mail.getString("link").substring(mail.getString("link").indexOf("token=") + 6);

            Response forged = server.send("GET", "/hooks/forget-me/confirm?token=" + token.substring(1) + "&email=grace%40example.org",
                    null, null);
            Response confirmed = server.send("GET", "/hooks/forget-me/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                    + "&email=grace%40example.org", null, null);

            assertThat(forged.status()).isEqualTo(400);
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
            JsonObject filed = server.get("/api/purge-requests/" + confirmed.json().getString("request"), admin).json();
            assertThat(filed.getString("requestedBy")).isEqualTo("sequence forget-me-confirm");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!"planned".equals(filed.getString("status")) && System.currentTimeMillis() < deadline) {
                filed = server.get("/api/purge-requests/" + filed.getString("id"), admin).json(); // planned in the background
            }
            assertThat(filed.getJsonArray("targets").stream().map(t -> (JsonObject) t)
                    .filter(t -> "instances".equals(t.getString("target"))).findFirst().orElseThrow().getLong("planned"))
                    .as("ada's instance, not grace's: the caller's claim is ignored").isEqualTo(1);
        } finally {
            mailer.stop(0);
        }
    }

    private static JsonObject ask() {
        return new JsonObject().put("name", "forget-me").put("entry", "seal").put("blocks", new JsonArray()
                .add(block("seal", "issue-token", new JsonObject().put("value", "{{input.body.email}}").put("purpose", "forget-me"),
                        "mail"))
                .add(block("mail", "http-request", new JsonObject().put("connector", "mailer").put("method", "POST").put("path", "/send")
                        .put("body", new JsonObject().put("to", "{{input.body.email}}")
                                .put("link", "https://lethe.example/hooks/forget-me/confirm?token={{steps.seal.output.token}}")), "ok"))
                .add(block("ok", "respond", new JsonObject().put("status", 202).put("body", "check your mailbox"), null)))
                .put("triggers", new JsonArray().add(new JsonObject().put("type", "http").put("method", "POST").put("path", "/forget-me")));
    }

    private static JsonObject confirm() {
        JsonObject open = block("open", "check-token", new JsonObject().put("token", "{{input.query.token}}").put("purpose", "forget-me"),
                "ask");
        open.getJsonObject("next").put("error", "refuse");
        return new JsonObject().put("name", "forget-me-confirm").put("entry", "open").put("blocks", new JsonArray()
                .add(open)
                .add(block("ask", "request-purge", new JsonObject().put("model", "visitor")
                        .put("where", new JsonObject().put("email", "{{steps.open.output.value}}"))
                        .put("attributes", new JsonObject().put("email", "delete")), "filed"))
                .add(block("filed", "respond", new JsonObject().put("status", 202)
                        .put("body", new JsonObject().put("request", "{{steps.ask.output.requestId}}")), null))
                .add(block("refuse", "respond", new JsonObject().put("status", 400).put("body", "this link is not valid"), null)))
                .put("triggers", new JsonArray().add(new JsonObject().put("type", "http").put("method", "GET")
                        .put("path", "/forget-me/confirm")));
    }

    private static JsonObject block(String id, String type, JsonObject config, String next) {
        return new JsonObject().put("id", id).put("type", type).put("config", config)
                .put("next", next == null ? new JsonObject() : new JsonObject().put("next", next));
    }
}
