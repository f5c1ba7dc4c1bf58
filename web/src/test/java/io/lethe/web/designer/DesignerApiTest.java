package io.lethe.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST round trips a designer makes with curl alone, against a real server. */
class DesignerApiTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static String designer;
    static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("a"));
        admin = server.adminToken();
        server.post("/api/users", admin, new JsonObject().put("username", "dora")
                .put("password", "a-long-enough-password").put("roles", new JsonArray().add("designer")));
        designer = server.login("dora", "a-long-enough-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonObject customerModel(String name) {
        return new JsonObject().put("name", name).put("comment", "first cut").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "email").put("type", "string").put("required", true).put("sensitivity", "personal"))
                .add(new JsonObject().put("name", "tier").put("type", "string")));
    }

    static JsonObject signupSequence(String name, String model, String greeting) {
        return new JsonObject().put("name", name).put("entry", "shape")
                .put("blocks", new JsonArray()
                        .add(new JsonObject().put("id", "shape").put("type", "script")
                                .put("config", new JsonObject().put("source", "return { email: input.body.email.toLowerCase() };"))
                                .put("next", new JsonObject().put("next", "store")))
                        .add(new JsonObject().put("id", "store").put("type", "create-instance")
                                .put("config", new JsonObject().put("model", model).put("values", "{{steps.shape.output}}"))
                                .put("next", new JsonObject().put("next", "answer")))
                        .add(new JsonObject().put("id", "answer").put("type", "respond")
                                .put("config", new JsonObject().put("status", 201).put("body", greeting + " {{steps.store.output.data.email}}"))))
                .put("triggers", new JsonArray().add(new JsonObject().put("type", "http").put("method", "POST").put("path", "/" + name)));
    }

    @Test
    void shouldBuildRunEditDiffRestoreAndTransferASequenceWithCurlAlone() {
        // a model and a sequence with a script block and an HTTP trigger
        assertThat(server.post("/api/models", designer, customerModel("client")).status()).isEqualTo(201);
        Response created = server.post("/api/sequences", designer, signupSequence("join", "client", "welcome"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        // call the hook, see the execution with the version that ran
        Response hook = server.post("/hooks/join", null, new JsonObject().put("body", "ignored").put("email", "ADA@X.ORG"));
        assertThat(hook.status()).isEqualTo(201);
        assertThat(hook.body()).isEqualTo("welcome ada@x.org");
        server.lethe().engine().recorder().flush(Duration.ofSeconds(5));
        Response execution = server.get("/api/executions/" + hook.header("X-Lethe-Execution"), designer);
        assertThat(execution.json().getInteger("version")).isEqualTo(1);
        assertThat(execution.json().getString("status")).isEqualTo("succeeded");

        // edit with If-Match, stale edit refused
        Response edited = server.send("PUT", "/api/sequences/join", designer,
                signupSequence("join", "client", "hello").put("comment", "friendlier").encode(), "\"1\"");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        Response stale = server.send("PUT", "/api/sequences/join", designer, signupSequence("join", "client", "hey").encode(), "\"1\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().getInteger("currentVersion")).isEqualTo(2);
        assertThat(server.send("PUT", "/api/sequences/join", designer, signupSequence("join", "client", "hey").encode()).status())
                .as("no If-Match").isEqualTo(428);
        assertThat(server.send("PUT", "/api/sequences/join", designer, signupSequence("join", "client", "hey").encode(), "\"-1\"").status())
                .as("no version is negative: a bad If-Match, not a stale one").isEqualTo(400);

        // versions, a structured diff, restore as a new version
        JsonArray versions = new JsonArray(server.get("/api/sequences/join/versions", designer).body());
        assertThat(versions.stream().map(v -> ((JsonObject) v).getInteger("number"))).containsExactly(2, 1);
        assertThat(versions.getJsonObject(0).getString("author")).isEqualTo("dora");
        assertThat(versions.getJsonObject(0).getString("comment")).isEqualTo("friendlier");
        JsonArray changes = server.get("/api/sequences/join/diff?from=1&to=2", designer).json().getJsonArray("changes");
        assertThat(changes.stream().map(c -> ((JsonObject) c).getString("path")))
                .contains("/blocks/answer/config/body").doesNotContain("/blocks/shape/config/source");
        Response restored = server.send("POST", "/api/sequences/join/versions/1/restore", designer, null);
        assertThat(restored.header("ETag")).isEqualTo("\"3\"");
        assertThat(server.post("/hooks/join", null, new JsonObject().put("email", "b@x.org")).body()).isEqualTo("welcome b@x.org");
        assertThat(server.get("/api/sequences/join/diff?from=1&to=3", designer).json().getJsonArray("changes")
                .stream().map(c -> ((JsonObject) c).getString("path"))).containsOnly("/version");

        // export, recorded with its hash; import into another Lethe reproduces the sequence
        Response export = server.get("/api/export?models=client&sequences=join", designer);
        assertThat(export.status()).isEqualTo(200);
        JsonArray register = new JsonArray(server.get("/api/exports", designer).body());
        assertThat(register.getJsonObject(0).getString("sha256")).isEqualTo(sha256(export.body()));
        assertThat(register.getJsonObject(0).getString("exportedBy")).isEqualTo("dora");
        try (TestServer other = TestServer.start(dir.resolve("b"))) {
            String otherAdmin = other.adminToken();
            Response imported = other.send("POST", "/api/import", otherAdmin, export.body());
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            JsonObject original = server.get("/api/sequences/join", designer).json();
            JsonObject copy = other.get("/api/sequences/join", otherAdmin).json();
            assertThat(copy.getJsonArray("blocks")).isEqualTo(original.getJsonArray("blocks"));
            assertThat(copy.getJsonArray("triggers")).isEqualTo(original.getJsonArray("triggers"));
            assertThat(other.post("/hooks/join", null, new JsonObject().put("email", "c@x.org")).body()).isEqualTo("welcome c@x.org");
            Response again = other.send("POST", "/api/import", otherAdmin, export.body());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().getJsonArray("clashes")).contains("model client", "sequence join");
        }
    }

    @Test
    void shouldShowARunsExecutionRightAfterItEvenWhileTheRecordWriterWaitsForItsTurn() {
        JsonObject tick = new JsonObject().put("name", "tick").put("entry", "count")
                .put("blocks", new JsonArray().add(new JsonObject().put("id", "count").put("type", "script")
                        .put("config", new JsonObject().put("source", "return 1;"))))
                .put("triggers", new JsonArray().add(new JsonObject().put("type", "http").put("method", "POST").put("path", "/tick")));
        assertThat(server.post("/api/sequences", designer, tick).status()).isEqualTo(201);

        // two runs within a second: the second's record waits for the writer's next turn, a second after the first's
        String first = server.post("/hooks/tick", null, new JsonObject()).header("X-Lethe-Execution");
        String second = server.post("/hooks/tick", null, new JsonObject()).header("X-Lethe-Execution");

        Response one = server.get("/api/executions/" + second, designer);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().getString("status")).isEqualTo("succeeded");
        Response listed = server.get("/api/executions?sequence=tick", designer);
        assertThat(new JsonArray(listed.body()).stream().map(e -> ((JsonObject) e).getString("id"))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void shouldRefuseAnInvalidModelWithEveryPointerAndWriteNothing() {
        JsonObject bad = new JsonObject().put("name", "9lives").put("colour", "red").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "x").put("type", "banana")));

        Response refused = server.post("/api/models", designer, bad);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isIn("/colour", "/attributes/0/type");
        assertThat(server.get("/api/models/9lives", designer).status()).isEqualTo(404);
        Response typed = server.post("/api/models", designer, new JsonObject().put("name", "fine").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "x").put("type", "banana"))));
        assertThat(typed.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/attributes/0/type");
        assertThat(typed.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains("unknown attribute type 'banana'");
    }

    @Test
    void shouldKeepAModelsRetentionAndRefuseOneOutOfRange() {
        JsonObject lead = new JsonObject().put("name", "lead").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "email").put("type", "string")));

        Response none = server.post("/api/models", designer, lead.copy().put("retentionDays", 0));
        Response fraction = server.post("/api/models", designer, lead.copy().put("retentionDays", 1.5));
        Response kept = server.post("/api/models", designer, lead.copy().put("retentionDays", 90));

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/retentionDays");
        assertThat(fraction.status()).as("whole days").isEqualTo(400);
        assertThat(fraction.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/retentionDays");
        assertThat(fraction.json().getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("must be a whole number");
        assertThat(kept.status()).isEqualTo(201);
        assertThat(server.get("/api/models/lead", designer).json().getInteger("retentionDays")).isEqualTo(90);
        assertThat(server.get("/api/models/lead/versions/1", designer).body()).contains("\"retentionDays\":90");
    }

    @Test
    void shouldQueryInstancesWithPagingAndHideDeactivatedOnesFromDesigners() {
        server.post("/api/models", designer, customerModel("member"));
        String hidden = null;
        for (int i = 0; i < 5; i++) {
            Response r = server.post("/api/models/member/instances", designer,
                    new JsonObject().put("email", "m" + i + "@x.org").put("tier", i % 2 == 0 ? "gold" : "basic"));
            assertThat(r.status()).isEqualTo(201);
            hidden = r.json().getString("id");
        }
        Response page1 = server.get("/api/models/member/instances?limit=2&sortBy=email&where=" + enc("{\"tier\":\"gold\"}"), designer);
        assertThat(page1.json().getJsonArray("items")).hasSize(2);
        Response page2 = server.get("/api/models/member/instances?limit=2&sortBy=email&where=" + enc("{\"tier\":\"gold\"}")
                + "&cursor=" + page1.json().getString("nextCursor"), designer);
        assertThat(page2.json().getJsonArray("items")).hasSize(1);
        assertThat(page2.json().getString("nextCursor")).isNull();

        server.send("POST", "/api/models/member/instances/" + hidden + "/deactivate", designer, null);

        assertThat(server.get("/api/models/member/stats", designer).json().getLong("deactivated")).isEqualTo(1);
        assertThat(server.get("/api/models/member/instances/" + hidden, designer).status()).isEqualTo(404);
        assertThat(server.send("PATCH", "/api/models/member/instances/" + hidden, designer, "{\"tier\":\"x\"}").status())
                .as("a change answers the data: hidden alike").isEqualTo(404);
        assertThat(server.send("POST", "/api/models/member/instances/" + hidden + "/deactivate", designer, null).status()).isEqualTo(404);
        assertThat(server.get("/api/models/member/instances/" + hidden, admin).status()).isEqualTo(200);
        assertThat(server.get("/api/models/member/instances?includeInactive=true", designer).status()).isEqualTo(403);
        assertThat(server.get("/api/models/member/instances?includeInactive=true", admin).json().getJsonArray("items")).hasSize(5);
        assertThat(server.get("/api/models/member/instances?where=" + enc("{\"tier\":{\"near\":1}}"), designer).status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseToDeleteAModelInUseUnlessAnAdminForcesIt() {
        server.post("/api/models", designer, customerModel("guest"));
        server.post("/api/sequences", designer, signupSequence("guestbook", "guest", "hi"));
        server.post("/api/models/guest/instances", designer, new JsonObject().put("email", "g@x.org"));

        Response refused = server.send("DELETE", "/api/models/guest", designer, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getLong("instances")).isEqualTo(1);
        assertThat(refused.json().getJsonArray("sequences")).containsExactly("guestbook");
        assertThat(refused.json().getString("detail")).as("the UI shows the detail")
                .isEqualTo("model 'guest' is in use: 1 instance (an admin may delete it with them); sequences guestbook");
        assertThat(server.send("DELETE", "/api/models/guest?force=true", designer, null).status()).isEqualTo(403);

        assertThat(server.send("DELETE", "/api/models/guest?force=true", admin, null).status()).isEqualTo(204);
        assertThat(server.get("/api/models/guest", designer).status()).isEqualTo(404);
        assertThat(server.lethe().database().collection("instances").countDocuments(new Document("model", "guest"))).isZero();
    }

    @Test
    void shouldCreateAgainUnderADeletedNameContinuingItsHistory() {
        server.post("/api/models", designer, customerModel("visitor"));
        server.post("/api/sequences", designer, signupSequence("visit", "visitor", "hi"));
        Response bundle = server.get("/api/export?models=visitor", designer);
        assertThat(server.send("DELETE", "/api/sequences/visit", designer, null).status()).isEqualTo(204);
        assertThat(server.send("PUT", "/api/sequences/visit", designer, signupSequence("visit", "visitor", "yo").encode(), "\"1\"").status())
                .as("a deleted sequence is not saved over").isEqualTo(404);

        Response again = server.post("/api/sequences", designer, signupSequence("visit", "visitor", "hello"));

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.header("ETag")).isEqualTo("\"2\"");
        assertThat(server.post("/hooks/visit", null, new JsonObject().put("email", "v@x.org")).body()).isEqualTo("hello v@x.org");
        assertThat(new JsonArray(server.get("/api/sequences/visit/versions", designer).body()).stream()
                .map(v -> ((JsonObject) v).getInteger("number"))).containsExactly(2, 1);
        assertThat(server.post("/api/sequences", designer, signupSequence("visit", "visitor", "hey")).status()).isEqualTo(409);

        assertThat(server.send("DELETE", "/api/sequences/visit", designer, null).status()).isEqualTo(204);
        assertThat(server.send("DELETE", "/api/models/visitor?force=true", admin, null).status()).isEqualTo(204);
        Response imported = server.send("POST", "/api/import", designer, bundle.body());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(server.get("/api/models/visitor", designer).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void shouldReplaceWhatExistsAsNewVersionsOnRequestKeepingSecretsAndLeavingWhatIsUnchanged() {
        server.post("/api/models", designer, customerModel("buyer"));
        server.post("/api/connectors", designer, new JsonObject().put("name", "shop").put("baseUrl", "http://127.0.0.1:9/v1")
                .put("secretHeaders", new JsonObject().put("X-Api-Key", "shop-key-1")));
        server.post("/api/sequences", designer, signupSequence("buy", "buyer", "thanks"));
        String bundle = server.get("/api/export?models=buyer&sequences=buy&connectors=shop", designer).body();
        // meanwhile, here: the sequence and the connector's URL change (the model does not)
        server.send("PUT", "/api/sequences/buy", designer, signupSequence("buy", "buyer", "cheers").encode(), "\"1\"");
        server.send("PUT", "/api/connectors/shop", designer,
                new JsonObject().put("name", "shop").put("baseUrl", "http://127.0.0.1:9/v2").encode(), "\"1\"");

        Response refused = server.send("POST", "/api/import", designer, bundle);
        Response replaced = server.send("POST", "/api/import?replace=true", designer, bundle);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains("?replace=true");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        assertThat(replaced.json().getJsonArray("sequences")).containsExactly("buy");
        assertThat(replaced.json().getJsonArray("connectors")).containsExactly("shop");
        assertThat(replaced.json().getJsonArray("unchanged")).containsExactly("model buyer");
        assertThat(replaced.json().getJsonArray("connectorsNeedingSecrets")).as("it kept its secrets").isEmpty();
        assertThat(server.get("/api/models/buyer", designer).header("ETag")).isEqualTo("\"1\"");
        assertThat(server.get("/api/sequences/buy", designer).header("ETag")).isEqualTo("\"3\"");
        assertThat(server.post("/hooks/buy", null, new JsonObject().put("email", "e@x.org")).body()).isEqualTo("thanks e@x.org");
        JsonObject shop = server.get("/api/connectors/shop", designer).json();
        assertThat(shop.getString("baseUrl")).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(shop.getJsonArray("secretHeaderNames")).containsExactly("X-Api-Key");
    }

    @Test
    void shouldNotReplaceAModelByOneThatWouldLeaveValuesUndescribed() {
        server.post("/api/models", designer, customerModel("payer"));
        String bundle = server.get("/api/export?models=payer", designer).body();
        JsonObject noted = customerModel("payer");
        noted.getJsonArray("attributes").add(new JsonObject().put("name", "note").put("type", "string"));
        server.send("PUT", "/api/models/payer", designer, noted.encode(), "\"1\"");
        server.post("/api/models/payer/instances", designer, new JsonObject().put("email", "p@x.org").put("note", "kept"));

        Response refused = server.send("POST", "/api/import?replace=true", designer, bundle);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/models/0/attributes");
        assertThat(refused.body()).contains("(note)");
        assertThat(server.get("/api/models/payer", designer).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void shouldRefuseToDeleteASequenceOrConnectorThatASequenceUsesUnlessForced() {
        server.post("/api/connectors", designer, new JsonObject().put("name", "billing").put("baseUrl", "http://127.0.0.1:9/api"));
        server.post("/api/sequences", designer, new JsonObject().put("name", "charge").put("entry", "call")
                .put("blocks", new JsonArray().add(new JsonObject().put("id", "call").put("type", "http-request")
                        .put("config", new JsonObject().put("connector", "billing")))));
        server.post("/api/sequences", designer, new JsonObject().put("name", "checkout").put("entry", "pay")
                .put("blocks", new JsonArray().add(new JsonObject().put("id", "pay").put("type", "call-sequence")
                        .put("config", new JsonObject().put("sequence", "charge")))));

        Response sequence = server.send("DELETE", "/api/sequences/charge", designer, null);
        Response connector = server.send("DELETE", "/api/connectors/billing", designer, null);

        assertThat(sequence.status()).isEqualTo(409);
        assertThat(sequence.json().getJsonArray("sequences")).containsExactly("checkout");
        assertThat(connector.status()).isEqualTo(409);
        assertThat(connector.json().getString("detail")).contains("used by sequence(s) charge");
        assertThat(server.get("/api/sequences/charge", designer).status()).isEqualTo(200);
        assertThat(server.get("/api/connectors/billing", designer).status()).isEqualTo(200);
        assertThat(server.send("DELETE", "/api/sequences/nothing-here", designer, null).status()).isEqualTo(404);

        assertThat(server.send("DELETE", "/api/connectors/billing?force=true", designer, null).status()).isEqualTo(204);
        assertThat(server.send("DELETE", "/api/sequences/checkout", designer, null).status()).isEqualTo(204);
        assertThat(server.send("DELETE", "/api/sequences/charge", designer, null).status()).as("no caller left").isEqualTo(204);
    }

    @Test
    void shouldNotLeaveValuesOfARemovedOrRetypedAttributeStoredUnlessAskedToDeleteThem() {
        JsonObject v1 = new JsonObject().put("name", "citizen").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "name").put("type", "string"))
                .add(new JsonObject().put("name", "ssn").put("type", "string").put("sensitivity", "personal"))
                .add(new JsonObject().put("name", "age").put("type", "string")));
        server.post("/api/models", designer, v1);
        String id = server.post("/api/models/citizen/instances", designer,
                new JsonObject().put("name", "Carl").put("ssn", "SSN-778-12-3456").put("age", "42")).json().getString("id");
        server.post("/api/models/citizen/instances", designer, new JsonObject().put("name", "Dee"));
        JsonObject v2 = new JsonObject().put("name", "citizen").put("attributes", new JsonArray()
                .add(new JsonObject().put("name", "name").put("type", "string"))
                .add(new JsonObject().put("name", "age").put("type", "number")));

        Response refused = server.send("PUT", "/api/models/citizen", designer, v2.encode(), "\"1\"");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getJsonObject("attributes").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("ssn", 1, "age", 1));
        assertThat(server.get("/api/models/citizen", designer).header("ETag")).isEqualTo("\"1\"");
        assertThat(server.get("/api/models/citizen/instances/" + id, designer).body()).contains("SSN-778-12-3456");

        Response saved = server.send("PUT", "/api/models/citizen?dropValues=true", designer, v2.encode(), "\"1\"");

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonObject data = server.get("/api/models/citizen/instances/" + id, designer).json().getJsonObject("data");
        assertThat(data.getMap()).containsOnlyKeys("name");
        assertThat(server.lethe().database().collection("instances").find(new Document("_id", id)).first().toJson())
                .doesNotContain("SSN-778-12-3456").doesNotContain("\"age\"");
        Response restored = server.send("POST", "/api/models/citizen/versions/1/restore", designer, null);
        assertThat(restored.status()).as("no values of the restored attributes are held").isEqualTo(200);
    }

    @Test
    void shouldRefuseCredentialsOrAQueryInAConnectorsBaseUrl() {
        Response withUser = server.post("/api/connectors", designer,
                new JsonObject().put("name", "leaky").put("baseUrl", "https://svc:hunter2@api.example.org/v1"));
        Response withQuery = server.post("/api/connectors", designer,
                new JsonObject().put("name", "leaky").put("baseUrl", "https://api.example.org/v1?api_key=abc"));

        assertThat(withUser.status()).isEqualTo(400);
        assertThat(withUser.body()).contains("/baseUrl").contains("must not hold credentials").doesNotContain("hunter2");
        assertThat(withQuery.status()).isEqualTo(400);
        assertThat(withQuery.body()).contains("must not hold a query");
        assertThat(server.get("/api/connectors/leaky", designer).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseSecretHeadersTheClientCouldNeverSend() { // each made every call of the account fail
        Response refused = server.post("/api/connectors", designer, new JsonObject().put("name", "unsendable")
                .put("baseUrl", "https://api.example.org/v1")
                .put("secretHeaders", new JsonObject().put("X-Key", "k-1\r\nX-Evil: 1").put("Host", "other.example.org")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
                .containsExactlyInAnyOrder("/secretHeaders/X-Key", "/secretHeaders/Host");
        assertThat(refused.body()).contains("may not hold a line break", "set by the HTTP client itself").doesNotContain("k-1");
        assertThat(server.get("/api/connectors/unsendable", designer).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseShortSecretsAndValuesOfTheWrongTypeInsteadOfConvertingThem() {
        Response shortSecret = server.post("/api/connectors", designer, new JsonObject().put("name", "shorty")
                .put("baseUrl", "https://api.example.org/v1").put("secretHeaders", new JsonObject().put("X-Key", "ab")));
        Response numberSecret = server.post("/api/connectors", designer, new JsonObject().put("name", "shorty")
                .put("baseUrl", "https://api.example.org/v1").put("secretHeaders", new JsonObject().put("X-Key", 12345678)));
        Response textDays = server.post("/api/models", designer, customerModel("textdays").put("retentionDays", "5"));
        Response numberDescription = server.post("/api/models", designer, customerModel("numberdesc").put("description", 5));

        assertThat(pointers(shortSecret)).containsExactly("/secretHeaders/X-Key");
        assertThat(shortSecret.body()).contains("at least 8 characters").doesNotContain("\"ab\"");
        assertThat(pointers(numberSecret)).containsExactly("/secretHeaders/X-Key");
        assertThat(pointers(textDays)).containsExactly("/retentionDays");
        assertThat(pointers(numberDescription)).containsExactly("/description");
        assertThat(server.get("/api/connectors/shorty", designer).status()).isEqualTo(404);
        assertThat(server.get("/api/models/textdays", designer).status()).isEqualTo(404);
    }

    @Test
    void shouldNeverShowConnectorSecretsInAnswersOrVersions() {
        Response created = server.post("/api/connectors", designer, new JsonObject().put("name", "crm")
                .put("baseUrl", "https://crm.example.org/api").put("secretHeaders", new JsonObject().put("X-Api-Key", "s3cr3t-value")));
        assertThat(created.status()).isEqualTo(201);
        Response renamed = server.send("PUT", "/api/connectors/crm", designer,
                new JsonObject().put("baseUrl", "https://crm.example.org/v2").encode(), "\"1\"");
        assertThat(renamed.status()).isEqualTo(200);

        String everything = server.get("/api/connectors", designer).body() + server.get("/api/connectors/crm", designer).body()
                + server.get("/api/connectors/crm/versions/1", designer).body() + server.get("/api/connectors/crm/versions/2", designer).body()
                + server.get("/api/export", designer).body();
        assertThat(everything).doesNotContain("s3cr3t-value").contains("X-Api-Key");
        assertThat(server.lethe().engine().connectors().find("crm").orElseThrow().secretHeaders())
                .as("a save without secretHeaders keeps them").containsEntry("X-Api-Key", "s3cr3t-value");
        assertThat(server.post("/api/connectors", designer, new JsonObject().put("name", "bad").put("baseUrl", "ftp://x")).status())
                .isEqualTo(400);
    }

    @Test
    void shouldListThePaletteWithConfigSchemas() {
        JsonArray palette = new JsonArray(server.get("/api/block-types", designer).body());

        JsonObject script = palette.stream().map(JsonObject.class::cast).filter(b -> b.getString("type").equals("script")).findFirst().orElseThrow();
        assertThat(script.getJsonObject("configSchema").getJsonArray("required")).contains("source");
        assertThat(palette).hasSize(16);
    }

    @Test
    void shouldImportNothingWhenAnyPartOfTheBundleIsInvalid() {
        JsonObject bundle = new JsonObject().put("format", "lethe-bundle/1")
                .put("models", new JsonArray().add(customerModel("fresh").copy().put("comment", null)))
                .put("sequences", new JsonArray().add(signupSequence("freshflow", "fresh", "x")
                        .put("blocks", new JsonArray().add(new JsonObject().put("id", "shape").put("type", "nope")))));
        bundle.getJsonArray("models").getJsonObject(0).remove("comment");

        Response refused = server.post("/api/import", designer, bundle);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
                .contains("/sequences/0/blocks/0/type");
        assertThat(server.get("/api/models/fresh", designer).status()).isEqualTo(404);
    }

    @Test
    void shouldImportNothingWhenTheBundleClashesWithItself() {
        JsonObject clash = signupSequence("clashtwo", "clashmodel", "two");
        clash.getJsonArray("triggers").getJsonObject(0).put("path", "/clashone");
        JsonObject bundle = new JsonObject().put("format", "lethe-bundle/1")
                .put("models", new JsonArray().add(customerModel("clashmodel").copy().put("comment", null)))
                .put("connectors", new JsonArray().add(new JsonObject().put("name", "clashconn").put("baseUrl", "https://example.org")))
                .put("sequences", new JsonArray().add(signupSequence("clashone", "clashmodel", "one")).add(clash));
        bundle.getJsonArray("models").getJsonObject(0).remove("comment");
        JsonObject twice = bundle.copy().put("sequences", new JsonArray()
                .add(signupSequence("clashone", "clashmodel", "one")).add(signupSequence("clashone", "clashmodel", "again")));
        JsonObject secrets = bundle.copy().put("sequences", new JsonArray()).put("connectors", new JsonArray()
                .add(new JsonObject().put("name", "clashconn").put("baseUrl", "https://example.org")
                        .put("secretHeaders", new JsonObject().put("X-Key", "k-123456")).put("bogus", 1)));

        Response sameHook = server.post("/api/import", designer, bundle);
        Response sameName = server.post("/api/import", designer, twice);
        Response withSecrets = server.post("/api/import", designer, secrets);

        assertThat(pointers(sameHook)).containsExactly("/sequences/0/triggers/0", "/sequences/1/triggers/0");
        assertThat(pointers(sameName)).containsExactly("/sequences/1/name");
        assertThat(pointers(withSecrets)).containsExactly("/connectors/0/secretHeaders", "/connectors/0/bogus");
        assertThat(server.get("/api/models/clashmodel", designer).status()).isEqualTo(404);
        assertThat(server.get("/api/sequences/clashone", designer).status()).isEqualTo(404);
        assertThat(server.get("/api/connectors/clashconn", designer).status()).isEqualTo(404);
        assertThat(server.get("/api/export?sequences=nope", designer).json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
                .isEqualTo("/sequences");
    }

    @Test
    void shouldRefuseAYesNoParameterThatIsNeitherInsteadOfReadingItAsNo() {
        server.post("/api/models", designer, customerModel("flagged"));
        server.post("/api/sequences", designer, signupSequence("flagflow", "flagged", "hi"));

        Response desc = server.get("/api/models/flagged/instances?desc=maybe", designer);
        Response force = server.send("DELETE", "/api/models/flagged?force=yes", admin, null);

        assertThat(pointers(desc)).containsExactly("/desc");
        assertThat(pointers(force)).containsExactly("/force");
        assertThat(server.get("/api/models/flagged", designer).status()).isEqualTo(200);
        assertThat(server.get("/api/models/flagged/instances?desc=true", designer).status()).isEqualTo(200);
    }

    @Test
    void shouldUpdateAnInstanceOnlyIfUnchangedWhenIfMatchIsSent() {
        server.post("/api/models", designer, customerModel("locked"));
        String id = server.post("/api/models/locked/instances", designer, new JsonObject().put("email", "a@x.org")).json().getString("id");
        String path = "/api/models/locked/instances/" + id;
        Response read = server.get(path, designer);

        Response first = server.send("PATCH", path, designer, "{\"tier\":\"gold\"}", read.header("ETag"));
        Response stale = server.send("PATCH", path, designer, "{\"tier\":\"tin\"}", read.header("ETag"));
        Response unconditional = server.send("PATCH", path, designer, "{\"tier\":\"silver\"}");
        Response badTag = server.send("PATCH", path, designer, "{\"tier\":\"x\"}", "\"soon\"");

        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json().getLong("revision")).isEqualTo(1);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().getLong("revision")).isEqualTo(2);
        assertThat(unconditional.status()).as("clients and blocks that send no If-Match are not refused").isEqualTo(200);
        assertThat(pointers(badTag)).containsExactly("/If-Match");
        assertThat(server.get(path, designer).json().getJsonObject("data").getString("tier")).isEqualTo("silver");
    }

    @Test
    void shouldMakeNoVersionForASaveThatChangesNothing() {
        server.post("/api/models", designer, customerModel("steady"));
        server.post("/api/sequences", designer, signupSequence("steadyflow", "steady", "hi"));

        Response model = server.send("PUT", "/api/models/steady", designer, customerModel("steady").encode(), "\"1\"");
        Response sequence = server.send("PUT", "/api/sequences/steadyflow", designer,
                signupSequence("steadyflow", "steady", "hi").encode(), "\"1\"");
        Response changed = server.send("PUT", "/api/sequences/steadyflow", designer,
                signupSequence("steadyflow", "steady", "hello").encode(), "\"1\"");

        assertThat(model.status()).isEqualTo(200);
        assertThat(model.header("ETag")).isEqualTo("\"1\"");
        assertThat(sequence.header("ETag")).isEqualTo("\"1\"");
        assertThat(sequence.json().getInteger("version")).isEqualTo(1);
        assertThat(new JsonArray(server.get("/api/models/steady/versions", designer).body())).hasSize(1);
        assertThat(changed.header("ETag")).as("a change still makes one").isEqualTo("\"2\"");
    }

    private static List<String> pointers(Response refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        return refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
