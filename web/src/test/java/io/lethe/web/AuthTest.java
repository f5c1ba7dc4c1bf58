package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lethe.web.auth.MongoUserStore;
import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldRefuseApiCallsWithoutAValidTokenWith401() {
        Response none = server.get("/api/auth/me", null);
        Response garbage = server.get("/api/auth/me", "not-a-token");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).isEqualTo("application/problem+json");
        assertThat(garbage.status()).isEqualTo(401);
    }

    @Test
    void shouldSignInAndSayWhoIAm() {
        Response me = server.get("/api/auth/me", server.adminToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("username")).isEqualTo("admin");
        assertThat(me.json().getJsonArray("roles")).containsExactly("admin", "designer");
    }

    @Test
    void shouldKeepApiAnswersOutOfBrowserAndProxyCaches() { // an instance shown once must not stay on the admin's disk
        Response me = server.get("/api/auth/me", server.adminToken());
        Response refused = server.get("/api/auth/me", null);
        Response missing = server.get("/api/models/no-such-model", server.adminToken());

        for (Response r : new Response[] {me, refused, missing}) {
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void shouldGiveTheSameAnswerForAWrongPasswordAndAnUnknownUser() {
        Response wrongPassword = login("admin", "not-the-password");
        Response unknownUser = login("nobody", "not-the-password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().getString("detail")).isEqualTo(unknownUser.json().getString("detail"));
    }

    @Test
    void shouldMakeAGuesserWaitAfterFiveWrongPasswords() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");
        for (int i = 0; i < 5; i++) {
            assertThat(login(name, "wrong-guess-" + i).status()).isEqualTo(401);
        }

        Response refused = login(name, "a-long-enough-password"); // right, but unchecked until the wait is over

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(login("admin", TestServer.ADMIN_PASSWORD).status()).as("another user is not held up").isEqualTo(200);
    }

    @Test
    void shouldSignNobodyInUnderANameNoAccountMayHave() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");
        MongoCollection<Document> users = server.lethe().database().collection(MongoUserStore.COLLECTION);
        // an account a value purge once kept under [redacted] (an archive rewritten before accounts went whole), restored
        Document account = users.find(Filters.eq("_id", name)).first();
        users.insertOne(new Document(account).append("_id", "[redacted]"));

        Response refused = login("[redacted]", "a-long-enough-password");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().getString("detail")).isEqualTo(login("nobody", "a-long-enough-password").json().getString("detail"));
        assertThat(login(name, "a-long-enough-password").status()).as("the same account under its own name").isEqualTo(200);
        assertThat(server.send("DELETE", "/api/users/%5Bredacted%5D", server.adminToken(), null).status()).as("an admin removes it")
                .isEqualTo(204);
    }

    @Test
    void shouldLetAnAdminCreateAUserWhoThenSignsInWithTheirRoles() {
        String name = uniqueName();
        Response created = createUser(server.adminToken(), name, "designer");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/users/" + name);
        assertThat(created.json().getString("createdAt")).isEqualTo(server.get("/api/users/" + name, server.adminToken()).json().getString("createdAt"));
        String token = server.login(name, "a-long-enough-password");
        assertThat(server.get("/api/auth/me", token).json().getJsonArray("roles")).containsExactly("designer");
    }

    @Test
    void shouldForbidUserManagementToNonAdminsWith403() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer", "support");
        String token = server.login(name, "a-long-enough-password");

        Response list = server.get("/api/users", token);
        Response create = createUser(token, uniqueName(), "admin");

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.contentType()).isEqualTo("application/problem+json");
        assertThat(list.json().getString("detail")).contains("admin");
        assertThat(create.status()).isEqualTo(403);
    }

    @Test
    void shouldReportEveryInvalidFieldAndCreateNothing() {
        String token = server.adminToken();
        Response refused = server.post("/api/users", token, new JsonObject()
                .put("username", "Bad Name").put("password", "short").put("roles", new JsonArray().add("wizard"))
                .put("nickname", "x"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
                .containsExactlyInAnyOrder("/nickname", "/username", "/password", "/roles/0");
        assertThat(server.get("/api/users/bad name".replace(" ", "%20"), token).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseADuplicateUsernameWith409() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "support");

        assertThat(createUser(server.adminToken(), name, "support").status()).isEqualTo(409);
    }

    @Test
    void shouldRevokeTokensOnLogoutAndPasswordChange() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");
        String first = server.login(name, "a-long-enough-password");

        assertThat(server.send("POST", "/api/auth/logout", first, null).status()).isEqualTo(204);
        assertThat(server.get("/api/auth/me", first).status()).isEqualTo(401);

        String second = server.login(name, "a-long-enough-password");
        Response changed = server.send("PATCH", "/api/users/" + name, server.adminToken(),
                new JsonObject().put("password", "another-long-password").encode());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(server.get("/api/auth/me", second).status()).isEqualTo(401);
        assertThat(login(name, "a-long-enough-password").status()).isEqualTo(401);
        assertThat(server.login(name, "another-long-password")).isNotBlank();
    }

    @Test
    void shouldLetAUserChangeTheirOwnPasswordAndSignOutTheirOtherSessions() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "support");
        String laptop = server.login(name, "a-long-enough-password");
        String phone = server.login(name, "a-long-enough-password");

        Response wrong = changePassword(laptop, "not-my-password", "a-brand-new-password");
        Response same = changePassword(laptop, "a-long-enough-password", "a-long-enough-password");
        Response changed = changePassword(laptop, "a-long-enough-password", "a-brand-new-password");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/currentPassword");
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/newPassword");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(server.get("/api/auth/me", changed.json().getString("token")).status()).as("the answered token").isEqualTo(200);
        assertThat(server.get("/api/auth/me", laptop).status()).isEqualTo(401);
        assertThat(server.get("/api/auth/me", phone).status()).isEqualTo(401);
        assertThat(login(name, "a-long-enough-password").status()).isEqualTo(401);
        assertThat(login(name, "a-brand-new-password").status()).isEqualTo(200);
    }

    @Test
    void shouldMakeAGuessOfTheCurrentPasswordWaitLikeASignIn() { // a stolen token must not open a way to guess it
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");
        String token = server.login(name, "a-long-enough-password");
        for (int i = 0; i < 5; i++) {
            assertThat(changePassword(token, "guess-number-" + i, "a-brand-new-password").status()).isEqualTo(400);
        }

        Response held = changePassword(token, "a-long-enough-password", "a-brand-new-password");

        assertThat(held.status()).isEqualTo(429);
        assertThat(held.header("Retry-After")).isNotBlank();
        assertThat(login(name, "a-long-enough-password").status()).as("the password did not change").isEqualTo(429);
    }

    @Test
    void shouldApplyRoleChangesToTokensAlreadyIssued() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "admin");
        String token = server.login(name, "a-long-enough-password");
        assertThat(server.get("/api/users", token).status()).isEqualTo(200);

        server.send("PATCH", "/api/users/" + name, server.adminToken(),
                new JsonObject().put("roles", new JsonArray().add("support")).encode());

        assertThat(server.get("/api/users", token).status()).isEqualTo(403);
    }

    @Test
    void shouldNotLetATokenOfADeletedUserServeANewUserOfTheSameName() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");
        String former = server.login(name, "a-long-enough-password");
        assertThat(server.send("DELETE", "/api/users/" + name, server.adminToken(), null).status()).isEqualTo(204);

        createUser(server.adminToken(), name, "admin"); // someone else, given the name later

        assertThat(server.get("/api/auth/me", former).status()).isEqualTo(401);
        assertThat(server.get("/api/users", former).status()).isEqualTo(401);
        assertThat(server.get("/api/auth/me", server.login(name, "a-long-enough-password")).status()).isEqualTo(200);
    }

    @Test
    void shouldWithdrawTheRevealPermissionOfADeletedUserFromWhoeverGetsTheNameLater() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");
        assertThat(server.send("PUT", "/api/debug/reveal-grants/" + name, server.adminToken(), null).status()).isEqualTo(200);

        assertThat(server.send("DELETE", "/api/users/" + name, server.adminToken(), null).status()).isEqualTo(204);
        createUser(server.adminToken(), name, "designer");

        assertThat(server.get("/api/debug/reveal-grants/" + name, server.adminToken()).status()).isEqualTo(404);
    }

    @Test
    void shouldNeverRemoveTheLastAdmin() {
        try (TestServer fresh = TestServer.start(dir.resolve("fresh-" + UUID.randomUUID()))) {
            String token = fresh.adminToken();

            Response delete = fresh.send("DELETE", "/api/users/admin", token, null);
            Response demote = fresh.send("PATCH", "/api/users/admin", token,
                    new JsonObject().put("roles", new JsonArray().add("designer")).encode());

            assertThat(delete.status()).isEqualTo(409);
            assertThat(demote.status()).isEqualTo(409);
            assertThat(fresh.get("/api/auth/me", token).json().getJsonArray("roles")).contains("admin");
        }
    }

    @Test
    void shouldKeepAnAdminWhenTwoAdminsDemoteEachOtherAtOnce() throws Exception {
        try (TestServer fresh = TestServer.start(dir.resolve("race-" + UUID.randomUUID()));
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            String admin = fresh.adminToken();
            fresh.post("/api/users", admin, new JsonObject().put("username", "second")
                    .put("password", "a-long-enough-password").put("roles", new JsonArray().add("admin")));
            String second = fresh.login("second", "a-long-enough-password");
            String demote = new JsonObject().put("roles", new JsonArray().add("designer")).encode();
            String promote = new JsonObject().put("roles", new JsonArray().add("admin").add("designer")).encode();

            for (int round = 0; round < 10; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Response> one = pool.submit(() -> {
                    together.await();
                    return fresh.send("PATCH", "/api/users/second", admin, demote);
                });
                Future<Response> other = pool.submit(() -> {
                    together.await();
                    return fresh.send("PATCH", "/api/users/admin", second, demote);
                });
                List<Integer> statuses = List.of(one.get().status(), other.get().status());

                // the other one is refused: the last admin (409), or no longer an admin when it is checked (403)
                assertThat(statuses).as("round " + round).containsOnlyOnce(200).containsAnyOf(409, 403);
                long admins = fresh.lethe().database().collection("users").countDocuments(new Document("roles", "admin"));
                assertThat(admins).as("round " + round).isEqualTo(1);
                String remaining = fresh.lethe().database().collection("users").find(new Document("roles", "admin")).first()
                        .getString("_id").equals("admin") ? admin : second;
                fresh.send("PATCH", "/api/users/second", remaining, promote);
                fresh.send("PATCH", "/api/users/admin", remaining, promote);
            }
        }
    }

    @Test
    void shouldStoreOnlyAPasswordHash() {
        String name = uniqueName();
        createUser(server.adminToken(), name, "designer");

        var stored = server.lethe().database().collection("users").find(new Document("_id", name)).first();

        assertThat(stored.getString("passwordHash")).startsWith("$argon2id$").doesNotContain("a-long-enough-password");
        assertThat(stored.toJson()).doesNotContain("a-long-enough-password");
    }

    private static Response login(String username, String password) {
        return server.post("/api/auth/login", null, new JsonObject().put("username", username).put("password", password));
    }

    private static Response changePassword(String token, String current, String next) {
        return server.post("/api/auth/password", token, new JsonObject().put("currentPassword", current).put("newPassword", next));
    }

    private static Response createUser(String token, String name, String... roles) {
        return server.post("/api/users", token, new JsonObject()
                .put("username", name).put("password", "a-long-enough-password").put("roles", new JsonArray(List.of(roles))));
    }

    private static String uniqueName() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
