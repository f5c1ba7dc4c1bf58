package io.lethe.designer.sequence;

import io.lethe.engine.Engine;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.trigger.HookKeys;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/sequences/{name}/hook-key}: the key callers send in {@code X-Hook-Key} to hooks whose trigger
 * has {@code "requireKey": true}. Made anew (shown once), described (never shown again), removed.
 */
final class HookKeyRoutes {

    private final Engine engine;

    HookKeyRoutes(Engine engine) {
        this.engine = engine;
    }

    void mount(ApiRouter api, Blocking blocking, String base, String tag) {
        String path = base + "/:name/hook-key";
        api.route(HttpMethod.POST, path, tag, "Make a new hook key (answered once; the one before stops working)", Role.DESIGNER)
                .handler(blocking.handler(this::make));
        api.route(HttpMethod.GET, path, tag, "Whether a hook key was made, when and by whom (never the key)", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    String sequence = sequence(ctx);
                    return Reply.ok(engine.hookKeys().find(sequence).map(HookKeyRoutes::describe)
                            .orElseGet(() -> new LinkedHashMap<>(Map.of("sequence", sequence, "made", false))));
                }));
        api.route(HttpMethod.DELETE, path, tag, "Remove the hook key (its hooks then refuse every call)", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    if (!engine.hookKeys().remove(sequence(ctx))) {
                        throw new NotFoundException("sequence '" + ctx.pathParam("name") + "' has no hook key");
                    }
                    return Reply.noContent();
                }));
    }

    private Reply make(RoutingContext ctx) {
        String sequence = sequence(ctx);
        String key = engine.hookKeys().make(sequence, CurrentUser.of(ctx).username());
        Map<String, Object> answer = describe(engine.hookKeys().find(sequence).orElseThrow());
        answer.put("key", key);
        answer.put("header", HookKeys.HEADER);
        return Reply.created(answer);
    }

    /** The path's sequence, which must exist. */
    private String sequence(RoutingContext ctx) {
        return engine.sequences().get(ctx.pathParam("name")).name();
    }

    private static Map<String, Object> describe(HookKeys.Info info) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sequence", info.sequence());
        d.put("made", true);
        d.put("createdBy", info.createdBy());
        d.put("createdAt", info.createdAt().toString());
        return d;
    }
}
