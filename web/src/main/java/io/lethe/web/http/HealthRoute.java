package io.lethe.web.http;

import io.lethe.engine.store.Database;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.Blocking;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /health}, public: version, database mode and whether it answers, uptime. */
public final class HealthRoute {

    private final Database database;
    private final Instant started;
    private final String version = Version.current();

    public HealthRoute(Database database, Instant started) {
        this.database = database;
        this.started = started;
    }

    public void mount(Router router, Blocking blocking) {
        router.get("/health").handler(blocking.handler(ctx -> check()));
    }

    private Reply check() {
        boolean up;
        try {
            database.ping();
            up = true;
        } catch (RuntimeException e) {
            up = false;
        }
        JsonObject body = new JsonObject()
                .put("status", up ? "UP" : "DOWN")
                .put("version", version)
                .put("database", database.mode().label())
                .put("databaseStatus", up ? "UP" : "DOWN")
                .put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        return new Reply(up ? 200 : 503, body);
    }
}
