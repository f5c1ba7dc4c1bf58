package io.lethe.debugger;

import io.lethe.debugger.trace.TraceJson;
import io.lethe.debugger.trace.TraceStore;
import io.lethe.debugger.window.DebugWindow;
import io.lethe.debugger.window.RevealGrants;
import io.lethe.debugger.window.RevealNotGrantedException;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.JsonBody;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * {@code /api/debug}: debug windows per sequence, traces, replay (role designer) and reveal grants
 * (role admin). Expects authentication in front (it reads {@link CurrentUser}) and a body handler
 * on {@code /api/*}, as the composition root sets up.
 */
public final class DebuggerRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** How long a read waits for what the trace writer has queued. */
    private static final Duration QUEUED_WRITE_WAIT = Duration.ofSeconds(2);

    private final Debugger debugger;
    private final Clock clock;
    private final Function<String, Optional<User>> users;

    /** @param users finds a user by name: a reveal grant is for an existing designer only */
    public DebuggerRoutes(Debugger debugger, Function<String, Optional<User>> users) {
        this.debugger = debugger;
        this.clock = debugger.clock();
        this.users = users;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Debugger";
        api.route(HttpMethod.GET, "/api/debug/sequences/:name", tag, "Debug window of a sequence: on/off, remaining time, who", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(window(ctx.pathParam("name")))));
        api.route(HttpMethod.PUT, "/api/debug/sequences/:name", tag, "Turn debugging on for {minutes} (reveal: unredacted, needs a grant)", Role.DESIGNER)
                .handler(blocking.handler(this::open));
        api.route(HttpMethod.DELETE, "/api/debug/sequences/:name", tag, "Turn debugging off", Role.DESIGNER)
                .handler(blocking.handler(this::close));
        api.route(HttpMethod.GET, "/api/debug/sequences/:name/traces", tag, "Traced executions of a sequence, newest first", Role.DESIGNER)
                .handler(blocking.handler(this::list));
        api.route(HttpMethod.DELETE, "/api/debug/sequences/:name/traces", tag, "Delete every trace of a sequence", Role.DESIGNER)
                .handler(blocking.handler(this::deleteAll));
        api.route(HttpMethod.GET, "/api/debug/traces/:id", tag, "One trace, block by block", Role.DESIGNER)
                .handler(blocking.handler(this::get));
        api.route(HttpMethod.DELETE, "/api/debug/traces/:id", tag, "Delete one trace", Role.DESIGNER)
                .handler(blocking.handler(this::delete));
        api.action("/api/debug/traces/:id/replay", tag, "Re-run the traced input against the current sequence (or ?version=N), traced", Role.DESIGNER)
                .handler(blocking.handler(this::replay));
        api.route(HttpMethod.GET, "/api/debug/reveal-grants", tag, "Every designer who may capture unredacted traces", Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(debugger.grants().all().stream().map(DebuggerRoutes::describe).toList())));
        api.route(HttpMethod.GET, "/api/debug/reveal-grants/:username", tag, "Whether a designer may capture unredacted traces", Role.ADMIN)
                .handler(blocking.handler(this::grant));
        api.putWithoutBody("/api/debug/reveal-grants/:username", tag, "Grant reveal to a designer", Role.ADMIN)
                .handler(blocking.handler(this::giveGrant));
        api.route(HttpMethod.DELETE, "/api/debug/reveal-grants/:username", tag, "Revoke reveal", Role.ADMIN)
                .handler(blocking.handler(this::revokeGrant));
    }

    private Reply open(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("minutes", "reveal"));
        JsonObject json = ctx.body().asJsonObject();
        Object minutes = json.getValue("minutes");
        Object reveal = json.getValue("reveal");
        if (minutes != null && !(minutes instanceof Integer || minutes instanceof Long)) {
            body.error("minutes", "must be a whole number of minutes");
        }
        if (reveal != null && !(reveal instanceof Boolean)) {
            body.error("reveal", "must be true or false");
        }
        body.validate();
        String user = CurrentUser.of(ctx).username();
        try {
            debugger.windows().open(ctx.pathParam("name"), user,
                    minutes == null ? null : Duration.ofMinutes(((Number) minutes).longValue()), Boolean.TRUE.equals(reveal));
        } catch (RevealNotGrantedException e) {
            throw new HttpException(403, e.getMessage());
        }
        return Reply.ok(window(ctx.pathParam("name")));
    }

    private Reply close(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        debugger.windows().close(name, CurrentUser.of(ctx).username());
        return Reply.ok(window(name));
    }

    private Map<String, Object> window(String sequence) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sequence", sequence);
        DebugWindow w = debugger.windows().find(sequence).orElse(null);
        out.put("on", w != null && w.isOnAt(now));
        out.put("reveal", w != null && w.isOnAt(now) && w.reveal());
        out.put("remainingSeconds", w == null ? 0 : w.remainingAt(now).toSeconds());
        if (w != null) {
            out.put("openedBy", w.openedBy());
            out.put("openedAt", w.openedAt().toString());
            out.put("expiresAt", w.expiresAt().toString());
            out.put("closedBy", w.closedBy());
            out.put("closedAt", w.closedAt() == null ? null : w.closedAt().toString());
        }
        out.put("droppedTraces", debugger.recorder().dropped());
        return out;
    }

    private Reply list(RoutingContext ctx) {
        int limit = limit(ctx.queryParams().get("limit"));
        debugger.writer().writeQueued(QUEUED_WRITE_WAIT); // traces are written once a second: the runs that just ended too
        List<Map<String, Object>> traces = debugger.traces().list(ctx.pathParam("name"), limit).stream()
                .map(DebuggerRoutes::withReplay).toList();
        return Reply.ok(Map.of("sequence", ctx.pathParam("name"), "traces", traces));
    }

    private Reply get(RoutingContext ctx) {
        Document trace = readable(ctx);
        return Reply.ok(withReplay(trace));
    }

    /**
     * The trace of the path's id. An unredacted one holds personal data in clear: only designers
     * holding the reveal permission may read or replay it, and each such read is audited.
     */
    private Document readable(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Document trace = debugger.traces().find(id).or(() -> {
            debugger.writer().writeQueued(QUEUED_WRITE_WAIT); // it may still be queued: its run just ended
            return debugger.traces().find(id);
        }).orElseThrow(() -> new NotFoundException("no trace '" + id + "'"));
        if (!trace.getBoolean("redacted", true)) {
            String user = CurrentUser.of(ctx).username();
            if (!debugger.grants().has(user)) {
                throw new HttpException(403, "this trace was captured unredacted: reading or replaying it needs the reveal permission");
            }
            debugger.audit().record("unredacted-trace-read", user, trace.getString("sequence"), Map.of("executionId", id));
        }
        return trace;
    }

    private static Map<String, Object> withReplay(Document trace) {
        Map<String, Object> out = TraceJson.of(trace);
        var refusal = Replay.refusal(trace);
        out.put("replayable", refusal.isEmpty());
        refusal.ifPresent(reason -> out.put("replayRefusal", reason));
        return out;
    }

    private Reply delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!debugger.traces().delete(id)) {
            throw new NotFoundException("no trace '" + id + "'");
        }
        debugger.audit().record("trace-deleted", CurrentUser.of(ctx).username(), null, Map.of("executionId", id));
        return Reply.noContent();
    }

    private Reply deleteAll(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        long deleted = debugger.traces().deleteAll(TraceStore.range(name, null, null));
        debugger.audit().record("traces-deleted", CurrentUser.of(ctx).username(), name, Map.of("deleted", deleted));
        return Reply.ok(Map.of("sequence", name, "deleted", deleted));
    }

    private Reply replay(RoutingContext ctx) {
        readable(ctx);
        String version = ctx.queryParams().get("version");
        Integer chosen;
        try {
            chosen = version == null ? null : Integer.valueOf(version);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("/version", "must be a version number");
        }
        return Reply.ok(debugger.replay().replay(ctx.pathParam("id"), chosen, CurrentUser.of(ctx).username()));
    }

    private Reply grant(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        RevealGrants.Grant grant = debugger.grants().find(username)
                .orElseThrow(() -> new NotFoundException("'" + username + "' has no reveal permission"));
        return Reply.ok(describe(grant));
    }

    private Reply giveGrant(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        User user = users.apply(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        if (!user.has(Role.DESIGNER)) {
            throw new ConflictException("'" + username + "' is not a designer: only designers capture traces; give the role first");
        }
        return Reply.ok(describe(debugger.grants().grant(username, CurrentUser.of(ctx).username())));
    }

    private Reply revokeGrant(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        if (!debugger.grants().revoke(username, CurrentUser.of(ctx).username())) {
            throw new NotFoundException("'" + username + "' has no reveal permission");
        }
        return Reply.noContent();
    }

    private static Map<String, Object> describe(RevealGrants.Grant grant) {
        return Map.of("username", grant.username(), "reveal", true, "grantedBy", grant.grantedBy(),
                "grantedAt", grant.grantedAt().toString());
    }

    private static int limit(String given) {
        if (given == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(given);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.of("/limit", "must be a number from 1 to " + MAX_LIMIT);
    }
}
