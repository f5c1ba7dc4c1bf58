package io.lethe.designer.version;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.version.JsonDiff;
import io.lethe.engine.version.Version;
import io.lethe.engine.version.VersionStore;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Version history routes for one kind of artefact under {@code base} (e.g. {@code /api/sequences}):
 * list, get one, diff two, restore one (as a new version; history is never rewritten).
 */
public final class VersionRoutes {

    private final VersionStore versions;
    private final String kind;

    public VersionRoutes(VersionStore versions, String kind) {
        this.versions = versions;
        this.kind = kind;
    }

    /**
     * @param restore saves an old document as the newest version: (ctx, document) → reply
     */
    public void mount(ApiRouter api, Blocking blocking, String base, String tag,
            BiFunction<RoutingContext, Version, Reply> restore) {
        api.route(HttpMethod.GET, base + "/:name/versions", tag, "List versions, newest first", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(versions.list(kind, name(ctx)).stream().map(VersionRoutes::summary).toList())));
        api.route(HttpMethod.GET, base + "/:name/versions/:number", tag, "Get one version", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(describe(version(ctx, "number")))));
        api.route(HttpMethod.GET, base + "/:name/diff", tag, "Structured diff of two versions (?from=&to=)", Role.DESIGNER)
                .handler(blocking.handler(this::diff));
        api.action(base + "/:name/versions/:number/restore", tag, "Restore a version as a new version", Role.DESIGNER)
                .handler(blocking.handler(ctx -> restore.apply(ctx, version(ctx, "number"))));
    }

    private Reply diff(RoutingContext ctx) {
        Version from = version(ctx, number(ctx.queryParams().get("from"), "/from"));
        Version to = version(ctx, number(ctx.queryParams().get("to"), "/to"));
        List<Map<String, Object>> changes = JsonDiff.between(from.document(), to.document()).stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("path", c.path());
            change.put("op", c.op());
            change.put("from", c.from());
            change.put("to", c.to());
            return change;
        }).toList();
        return Reply.ok(Map.of("from", from.number(), "to", to.number(), "changes", changes));
    }

    private Version version(RoutingContext ctx, String param) {
        return version(ctx, number(ctx.pathParam(param), "/" + param));
    }

    private Version version(RoutingContext ctx, int number) {
        return versions.find(kind, name(ctx), number)
                .orElseThrow(() -> new NotFoundException("no version " + number + " of " + kind + " '" + name(ctx) + "'"));
    }

    private static int number(String text, String pointer) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(pointer, "must be a version number");
        }
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("name");
    }

    public static Map<String, Object> summary(Version v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("number", v.number());
        s.put("author", v.author());
        s.put("savedAt", v.savedAt().toString());
        s.put("comment", v.comment());
        if (v.redactedAt() != null) {
            s.put("redactedAt", v.redactedAt().toString());
        }
        return s;
    }

    public static Map<String, Object> describe(Version v) {
        Map<String, Object> d = summary(v);
        d.put("document", v.document());
        return d;
    }
}
