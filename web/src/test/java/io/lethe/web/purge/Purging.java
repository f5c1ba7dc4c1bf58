package io.lethe.web.purge;

import io.lethe.web.testkit.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What the purge tests share: two admins (one files, the other approves) and waiting for a run to end. */
final class Purging {

    private Purging() {
    }

    /** Signs in {@code alice} and {@code bob}, both admin and designer, created by the first admin; answers their tokens. */
    static List<String> twoAdmins(TestServer server) {
        String admin = server.adminToken();
        for (String user : List.of("alice", "bob")) {
            server.post("/api/users", admin, new JsonObject().put("username", user).put("password", "a-long-enough-password")
                    .put("roles", new JsonArray(List.of("admin", "designer"))));
        }
        return List.of(server.login("alice", "a-long-enough-password"), server.login("bob", "a-long-enough-password"));
    }

    /** The request once completed or failed (or as it is after 30 s). */
    static JsonObject await(TestServer server, String id, String token) {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonObject request = server.get("/api/purge-requests/" + id, token).json();
        while (!Set.of("completed", "failed").contains(request.getString("status")) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            request = server.get("/api/purge-requests/" + id, token).json();
        }
        return request;
    }

    /** Copies a directory tree (a backup archive kept off-site, out of every purge's reach). */
    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            Files.createDirectories(to.getParent());
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
