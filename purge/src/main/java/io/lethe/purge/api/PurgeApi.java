package io.lethe.purge.api;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.json.Json;
import io.lethe.engine.log.LogFilter;
import io.lethe.engine.log.LogPurgeRequest;
import io.lethe.engine.log.LogPurger;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.JsonBody;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import io.lethe.purge.PurgeRequest;
import io.lethe.purge.PurgeService;
import io.lethe.purge.ledger.Ledger;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@code /api/purge-requests} (admins; support staff for log purges), {@code /api/purge-ledger}
 * (admins) and {@code /api/logs/preview} (support, admins).
 */
public final class PurgeApi {

    private final PurgeService purges;
    private final Ledger ledger;
    private final Optional<LogPurger> logs;
    private final Predicate<String> isAccount;

    /** @param isAccount whether a name is a staff account's username (a value purge leaves the account: see {@link #notes}) */
    public PurgeApi(PurgeService purges, Ledger ledger, Optional<LogPurger> logs, Predicate<String> isAccount) {
        this.purges = purges;
        this.ledger = ledger;
        this.logs = logs;
        this.isAccount = isAccount;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Purge";
        String base = "/api/purge-requests";
        api.route(HttpMethod.POST, base, tag, "File a purge request {scope}: subject, value, versions, traces (admin) or logs (support)",
                Filing.class, Role.ADMIN, Role.SUPPORT).handler(blocking.handler(this::create));
        api.route(HttpMethod.GET, base, tag, "List purge requests, newest first (support sees log purges)", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(ctx -> {
                    UnaryOperator<String> reveal = purges.revealer();
                    return Reply.ok(purges.list(200).stream().filter(r -> visible(ctx, r)).map(r -> describe(r, reveal)).toList());
                }));
        api.route(HttpMethod.GET, base + "/:id", tag, "Get a purge request with its per-target progress", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(ctx -> Reply.ok(describe(mine(ctx)))));
        api.action(base + "/:id/plan", tag, "Dry run: per-target counts, nothing changes", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(ctx -> Reply.ok(describe(purges.plan(mine(ctx).id())))));
        api.action(base + "/:id/approve", tag, "Approve a planned purge (not your own)", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(ctx -> Reply.ok(describe(purges.approve(mine(ctx).id(), CurrentUser.of(ctx).username())))));
        api.action(base + "/:id/cancel", tag, "Cancel before it runs", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(ctx -> Reply.ok(describe(purges.cancel(mine(ctx).id())))));
        api.action(base + "/:id/run", tag, "Run an approved purge (log purges: planned is enough); answers 202", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(ctx -> new Reply(202, describe(purges.run(mine(ctx).id())))));
        api.route(HttpMethod.GET, base + "/:id/receipt", tag, "The receipt of a finished purge (from the ledger)", Role.ADMIN, Role.SUPPORT)
                .handler(blocking.handler(this::receipt));
        api.route(HttpMethod.GET, "/api/purge-ledger", tag, "The ledger: every receipt, hash-chained, oldest first", Role.ADMIN)
                .handler(blocking.handler(ctx -> {
                    UnaryOperator<String> reveal = purges.revealer();
                    return Reply.ok(ledger.entries().stream().map(e -> shown(e, reveal)).toList());
                }));
        api.route(HttpMethod.GET, "/api/purge-ledger/verify", tag, "Recompute the chain; reports the first broken link", Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(ledger.verify())));
        api.route(HttpMethod.POST, "/api/logs/preview", "Logs",
                "Preview a log purge {from,to | around,window, match, regex, level, logger, correlationId}: counts and masked samples",
                Role.SUPPORT, Role.ADMIN).handler(blocking.handler(this::preview));
    }

    private Reply create(RoutingContext ctx) {
        Map<String, Object> body = JsonBody.plainObject(ctx);
        for (String key : body.keySet()) {
            if (!key.equals("scope")) {
                throw InvalidInputException.of("/" + key, "unknown field");
            }
        }
        if (!(body.get("scope") instanceof Map<?, ?>)) {
            throw InvalidInputException.of("/scope", "is required: {\"type\": \"subject\" | \"value\" | \"versions\" | \"traces\" | \"logs\" | \"backups\", ...}");
        }
        PurgeScope scope;
        try {
            scope = Json.parse(body.get("scope"), PurgeScope.class);
        } catch (InvalidInputException e) {
            throw inScope(e);
        }
        User user = CurrentUser.of(ctx);
        if (!user.has(Role.ADMIN) && !(scope instanceof PurgeScope.Logs)) {
            throw new HttpException(403, "support staff may file log purges only");
        }
        PurgeRequest created;
        try {
            created = purges.create(scope, user.username());
        } catch (InvalidInputException e) {
            throw inScope(e);
        }
        ctx.response().putHeader("Location", "/api/purge-requests/" + created.id());
        return Reply.created(describe(created));
    }

    /** What filing a purge request takes (documented in the OpenAPI document; read field by field). */
    record Filing(PurgeScope scope) {
    }

    /** The problems of a scope, pointing into the body (checks shared with other inputs point below the scope). */
    private static InvalidInputException inScope(InvalidInputException e) {
        return new InvalidInputException(e.errors().stream().map(err -> err.pointer().startsWith("/scope") ? err
                : new FieldError("/scope" + err.pointer(), err.message())).toList());
    }

    private Reply receipt(RoutingContext ctx) {
        PurgeRequest request = mine(ctx);
        if (request.receiptHash() == null) {
            throw new NotFoundException("the purge has no receipt yet (it is " + request.status().label() + ")");
        }
        return Reply.ok(shown(ledger.entries().stream().filter(e -> e.hash().equals(request.receiptHash())).findFirst()
                .orElseThrow(() -> new NotFoundException("the receipt is missing from the ledger")), purges.revealer()));
    }

    /**
     * A ledger entry as it is chained, plus {@code scopeShown}: its scope with the names of designs that still exist
     * in place of their keyed hashes.
     */
    private static Map<String, Object> shown(Ledger.Entry entry, UnaryOperator<String> reveal) {
        Map<String, Object> m = Json.plainMap(entry);
        m.put("scopeShown", reveal.apply(String.valueOf(entry.receipt().get("scope"))));
        return m;
    }

    private Reply preview(RoutingContext ctx) {
        LogPurger purger = logs.orElseThrow(() -> new NotFoundException("this server writes no log files"));
        JsonBody body = JsonBody.of(ctx, Set.of("from", "to", "around", "window", "match", "regex", "level", "logger",
                "correlationId", "samples"));
        var from = body.optionalString("from");
        var to = body.optionalString("to");
        var around = body.optionalString("around");
        var window = body.optionalString("window");
        LogFilter filter = new LogFilter(body.optionalString("match").orElse(null), body.optionalString("regex").orElse(null),
                body.optionalString("level").orElse(null), body.optionalString("logger").orElse(null),
                body.optionalString("correlationId").orElse(null));
        body.validate();
        LogPurgeRequest request = LogPurgeRequest.parse(from.orElse(null), to.orElse(null), around.orElse(null), window.orElse(null), filter);
        var preview = purger.preview(request, 10);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", request.range().from().toString());
        answer.put("to", request.range().to().toString());
        answer.put("preview", preview);
        return Reply.ok(answer);
    }

    /** The request, if the caller may see it: support staff see log purges only. */
    private PurgeRequest mine(RoutingContext ctx) {
        PurgeRequest request = purges.get(ctx.pathParam("id"));
        if (!visible(ctx, request)) {
            throw new NotFoundException("no purge request '" + request.id() + "'");
        }
        return request;
    }

    private static boolean visible(RoutingContext ctx, PurgeRequest request) {
        return CurrentUser.of(ctx).has(Role.ADMIN) || request.isLogPurge();
    }

    private Map<String, Object> describe(PurgeRequest r) {
        Map<String, Object> d = describe(r, r.scopeForgotten() ? purges.revealer() : UnaryOperator.identity());
        List<String> notes = notes(r);
        if (!notes.isEmpty()) {
            d.put("notes", notes);
        }
        return d;
    }

    /**
     * What the admin should know before approving, without naming any value: a value purge of a staff account's
     * username redacts what the account did, but the account itself is deleted through the Users page.
     */
    private List<String> notes(PurgeRequest r) {
        if (r.scopeForgotten() || !(r.scope() instanceof PurgeScope.Value v)
                || v.all().stream().map(value -> value.toLowerCase(Locale.ROOT)).noneMatch(isAccount)) {
            return List.of();
        }
        return List.of("A value is the username of a staff account: the records of what it did are redacted, but the account"
                + " stays until it is deleted (Users); delete it first for the name to be gone.");
    }

    /** A request as the API answers it, its description shown with {@code reveal}. */
    static Map<String, Object> describe(PurgeRequest r, UnaryOperator<String> reveal) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", r.id());
        d.put("status", r.status().label());
        d.put("kind", Json.plainMap(r.scope()).get("type"));
        d.put("description", reveal.apply(r.description()));
        d.put("requestedBy", r.requestedBy());
        d.put("approvedBy", r.approvedBy());
        d.put("createdAt", String.valueOf(r.createdAt()));
        d.put("plannedAt", r.plannedAt() == null ? null : r.plannedAt().toString());
        d.put("approvedAt", r.approvedAt() == null ? null : r.approvedAt().toString());
        d.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        d.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        d.put("targets", r.targets());
        d.put("bytesReclaimed", r.bytesReclaimed());
        d.put("receiptHash", r.receiptHash());
        d.put("scopeForgotten", r.scopeForgotten());
        return d;
    }
}
