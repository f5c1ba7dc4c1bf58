package io.lethe.designer.execution;

import io.lethe.engine.Engine;
import io.lethe.engine.execution.ExecutionRecord;
import io.lethe.engine.execution.ExecutionStatus;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /api/executions}: run records (no inputs or outputs are kept), newest first. */
public final class ExecutionRoutes {

    private static final Duration QUEUED_WRITE_WAIT = Duration.ofSeconds(2);

    private final Engine engine;

    public ExecutionRoutes(Engine engine) {
        this.engine = engine;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Executions";
        api.route(HttpMethod.GET, "/api/executions", tag,
                "List executions (?sequence=&status=succeeded|failed&before=ISO&limit=, max 1000)", Role.DESIGNER)
                .handler(blocking.handler(this::list));
        api.route(HttpMethod.GET, "/api/executions/:id", tag, "Get one execution record", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(describe(find(ctx.pathParam("id"))
                        .orElseThrow(() -> new NotFoundException("no execution '" + ctx.pathParam("id") + "'"))))));
    }

    /**
     * Records are written in the background, a busy sequence's once a second: a record not found may
     * still be queued (its run just ended), so what is queued is written before the second look.
     */
    private Optional<ExecutionRecord> find(String id) {
        return engine.executions().find(id).or(() -> {
            engine.recorder().writeQueued(QUEUED_WRITE_WAIT);
            return engine.executions().find(id);
        });
    }

    private Reply list(RoutingContext ctx) {
        var q = ctx.queryParams();
        ExecutionStatus status = null;
        if (q.get("status") != null) {
            status = switch (q.get("status")) {
                case "succeeded" -> ExecutionStatus.SUCCEEDED;
                case "failed" -> ExecutionStatus.FAILED;
                default -> throw InvalidInputException.of("/status", "must be succeeded or failed");
            };
        }
        Instant before = null;
        if (q.get("before") != null) {
            try {
                before = Instant.parse(q.get("before"));
            } catch (DateTimeParseException e) {
                throw InvalidInputException.of("/before", "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
            }
        }
        int limit;
        try {
            limit = q.get("limit") == null ? 50 : Integer.parseInt(q.get("limit"));
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("/limit", "must be a number");
        }
        if (limit < 1 || limit > 1000) {
            throw InvalidInputException.of("/limit", "must be between 1 and 1000");
        }
        engine.recorder().writeQueued(QUEUED_WRITE_WAIT); // the runs that just ended are listed too
        return Reply.ok(engine.executions().list(q.get("sequence"), status, before, limit).stream().map(ExecutionRoutes::describe).toList());
    }

    static Map<String, Object> describe(ExecutionRecord r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", r.id());
        d.put("parentId", r.parentId());
        d.put("sequence", r.sequence());
        d.put("version", r.version());
        d.put("trigger", r.trigger());
        d.put("triggerDetail", r.triggerDetail());
        d.put("status", r.status().label());
        d.put("startedAt", r.startedAt().toString());
        d.put("endedAt", r.endedAt().toString());
        d.put("durationMs", r.durationMs());
        d.put("error", r.error());
        d.put("path", r.path());
        return d;
    }
}
