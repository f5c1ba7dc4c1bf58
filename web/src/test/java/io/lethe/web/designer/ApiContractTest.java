package io.lethe.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.http.OpenApi;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of the whole API, checked over every documented operation. */
class ApiContractTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static JsonObject openApi;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        openApi = server.get("/api/openapi.json", null).json();
        server.post("/api/users", server.adminToken(), new JsonObject().put("username", "support-only")
                .put("password", "a-long-enough-password").put("roles", new JsonArray().add("support")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Operation(String method, String path, JsonObject spec) {
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "x");
        }
    }

    static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        JsonObject paths = openApi.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                ops.add(new Operation(method.toUpperCase(), path, paths.getJsonObject(path).getJsonObject(method)));
            }
        }
        return ops;
    }

    @Test
    void shouldDocumentEveryApiRoute() {
        List<String> documented = operations().stream().map(o -> o.method() + " " + o.path()).toList();

        List<String> routed = server.lethe().routes().stream().filter(r -> r.contains(" /api/"))
                .map(r -> r.substring(0, r.indexOf(' ')) + " " + OpenApi.openApiPath(r.substring(r.indexOf(' ') + 1)))
                .distinct().toList();

        assertThat(routed).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
    }

    @Test
    void shouldDescribeTheBodiesOfDesignsAndPurgeRequestsAsTheyAreRead() {
        JsonObject schemas = openApi.getJsonObject("components").getJsonObject("schemas");
        JsonObject sequence = openApi.getJsonObject("paths").getJsonObject("/api/sequences").getJsonObject("post")
                .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");

        assertThat(sequence.getString("$ref")).isEqualTo("#/components/schemas/Sequence");
        assertThat(schemas.getJsonObject("Sequence").getJsonObject("properties").fieldNames())
                .contains("name", "entry", "blocks", "triggers");
        assertThat(schemas.getJsonObject("Sequence").getBoolean("additionalProperties")).as("read strictly").isFalse();
        assertThat(schemas.getJsonObject("TriggerHttp").getJsonObject("properties").getJsonObject("type").getString("const"))
                .isEqualTo("http");
        assertThat(schemas.getJsonObject("Attribute").getJsonObject("properties").getJsonObject("sensitivity")
                .getJsonArray("enum")).containsExactly("none", "personal", "sensitive");
        assertThat(schemas.getJsonObject("PurgeScope").getJsonArray("oneOf")).hasSize(7);
        assertThat(schemas.getJsonObject("PurgeScopeSubject").getJsonObject("properties").getJsonObject("type").getString("const"))
                .isEqualTo("subject");
    }

    @Test
    void shouldRefuseEveryProtectedOperationWithoutATokenWith401() {
        for (Operation op : operations()) {
            if (op.spec().containsKey("security")) {
                Response r = server.send(op.method(), op.concretePath(), null, body(op));
                assertThat(r.status()).as(op.method() + " " + op.path()).isEqualTo(401);
                assertThat(r.contentType()).isEqualTo("application/problem+json");
            }
        }
    }

    @Test
    void shouldRefuseEveryRoleGuardedOperationToAUserWithoutTheRoleWith403() {
        String token = server.login("support-only", "a-long-enough-password");
        int checked = 0;
        for (Operation op : operations()) {
            String description = op.spec().getString("description");
            if (description.startsWith("Roles:") && !description.contains("support")) {
                Response r = server.send(op.method(), op.concretePath(), token, body(op));
                assertThat(r.status()).as(op.method() + " " + op.path()).isEqualTo(403);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void shouldAnswerMalformedOrMistypedBodiesWith4xxNever5xx() {
        String token = server.adminToken();
        for (Operation op : operations()) {
            if (op.spec().containsKey("requestBody")) {
                for (String bad : List.of("{not json", "[1,2]", "{\"name\": 42, \"attributes\": \"x\", \"blocks\": 7}")) {
                    Response r = server.send(op.method(), op.concretePath(), token, bad);
                    assertThat(r.status()).as(op.method() + " " + op.path() + " with " + bad).isBetween(400, 499);
                    assertThat(r.contentType()).isEqualTo("application/problem+json");
                }
            }
        }
    }

    private static String body(Operation op) {
        return op.spec().containsKey("requestBody") ? "{}" : null;
    }
}
