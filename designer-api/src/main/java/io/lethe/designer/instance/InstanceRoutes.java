package io.lethe.designer.instance;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.instance.Condition;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.instance.Instance;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.instance.Page;
import io.lethe.engine.json.RequestJson;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.JsonBody;
import io.lethe.http.QueryFlags;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@code /api/models/{model}/instances}: query with paging, create, update, deactivate and
 * reactivate, delete. Deactivated instances are hidden; only admins may read them
 * ({@code ?includeInactive=true}), and {@code /stats} says how many are still stored.
 */
public final class InstanceRoutes {

    static final String BASE = "/api/models/:model/instances";
    private final Instances instances;
    private final Supplier<Duration> retention;

    /** @param retention how long deactivated instances are kept, shown with their count */
    public InstanceRoutes(Instances instances, Supplier<Duration> retention) {
        this.instances = instances;
        this.retention = retention;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Instances";
        api.route(HttpMethod.GET, BASE, tag, "Query instances (?where=JSON&sortBy=&desc=&limit=&cursor=&includeInactive= (admin))",
                Role.DESIGNER, Role.ADMIN).handler(blocking.handler(this::query));
        api.route(HttpMethod.GET, "/api/models/:model/stats", tag, "Active and deactivated (still stored) instance counts",
                Role.DESIGNER, Role.ADMIN).handler(blocking.handler(this::stats));
        api.route(HttpMethod.POST, BASE, tag, "Create an instance", Role.DESIGNER).handler(blocking.handler(ctx -> {
            Instance created = instances.create(model(ctx), JsonBody.plainObject(ctx));
            ctx.response().putHeader("Location", "/api/models/" + created.model() + "/instances/" + created.id());
            return Reply.created(created.toPlain());
        }));
        api.route(HttpMethod.GET, BASE + "/:id", tag, "Get an instance (deactivated ones: admins only); ETag: its revision",
                Role.DESIGNER, Role.ADMIN)
                .handler(blocking.handler(ctx -> tagged(ctx, visible(ctx, instances.get(model(ctx), ctx.pathParam("id"))))));
        // Changing or hiding again an instance is reading it too: a deactivated one only for admins, as a GET.
        api.route(HttpMethod.PATCH, BASE + "/:id", tag, "Set some attributes (deactivated instances: admins only); with If-Match:"
                + " only if still at that revision (409 if not)", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    String id = visibleId(ctx);
                    return tagged(ctx, instances.update(model(ctx), id, JsonBody.plainObject(ctx), ifMatch(ctx)));
                }));
        api.action(BASE + "/:id/deactivate", tag, "Hide an instance (its data stays until deleted or collected)", Role.DESIGNER)
                .handler(blocking.handler(ctx -> Reply.ok(instances.deactivate(model(ctx), visibleId(ctx)).toPlain())));
        api.action(BASE + "/:id/reactivate", tag, "Show a deactivated instance again", Role.DESIGNER, Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(instances.reactivate(model(ctx), ctx.pathParam("id")).toPlain())));
        api.route(HttpMethod.DELETE, BASE + "/:id", tag, "Delete an instance for good", Role.DESIGNER)
                .handler(blocking.handler(ctx -> {
                    instances.delete(model(ctx), ctx.pathParam("id"));
                    return Reply.noContent();
                }));
    }

    private Reply query(RoutingContext ctx) {
        var q = ctx.queryParams();
        boolean includeInactive = QueryFlags.flag(ctx, "includeInactive");
        if (includeInactive && !CurrentUser.of(ctx).has(Role.ADMIN)) {
            throw new HttpException(403, "only admins may read deactivated instances");
        }
        int limit = q.get("limit") == null ? 50 : number(q.get("limit"), "/limit");
        if (limit < 1 || limit > InstanceQuery.MAX_LIMIT) {
            throw InvalidInputException.of("/limit", "must be between 1 and " + InstanceQuery.MAX_LIMIT);
        }
        Page page = instances.query(new InstanceQuery(model(ctx), where(q.get("where")), q.get("sortBy"),
                QueryFlags.flag(ctx, "desc"), limit, q.get("cursor"), includeInactive));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(Instance::toPlain).toList());
        answer.put("nextCursor", page.nextCursor());
        return Reply.ok(answer);
    }

    private Reply stats(RoutingContext ctx) {
        String model = model(ctx);
        long deactivated = instances.countDeactivated(model);
        return Reply.ok(Map.of("active", instances.count(model, List.of(), false), "deactivated", deactivated,
                "note", "deactivated instances still hold their data until deleted, purged or garbage-collected "
                        + retention.get().toDays() + " days after deactivation"));
    }

    /** The path's instance id, once the caller may see that instance. */
    private String visibleId(RoutingContext ctx) {
        return visible(ctx, instances.get(model(ctx), ctx.pathParam("id"))).id();
    }

    private static Reply tagged(RoutingContext ctx, Instance instance) {
        ctx.response().putHeader("ETag", "\"" + instance.revision() + "\"");
        return Reply.ok(instance.toPlain());
    }

    /** The revision an update is based on ({@code If-Match: "3"}), if the client sent one: without it the update is unconditional. */
    private static OptionalLong ifMatch(RoutingContext ctx) {
        String header = ctx.request().getHeader("If-Match");
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            long revision = Long.parseLong(header.replace("W/", "").replace("\"", "").trim());
            if (revision >= 0) {
                return OptionalLong.of(revision);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InvalidInputException.of("/If-Match", "must be the revision the update is based on, such as \"3\" (the ETag of the GET)");
    }

    private static Instance visible(RoutingContext ctx, Instance instance) {
        if (!instance.active() && !CurrentUser.of(ctx).has(Role.ADMIN)) {
            throw new NotFoundException("no " + instance.model() + " instance '" + instance.id() + "'");
        }
        return instance;
    }

    /** {@code where} as JSON: {@code {"age": {"gte": 18}, "country": "NL", "tag": {"in": ["a","b"]}}}. */
    static List<Condition> where(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        Object parsed = RequestJson.read(json.getBytes(StandardCharsets.UTF_8), "/where");
        if (!(parsed instanceof Map<?, ?> map)) {
            throw InvalidInputException.of("/where", "must be a JSON object");
        }
        return Conditions.parse(map);
    }

    private static int number(String text, String pointer) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(pointer, "must be a number");
        }
    }

    private static String model(RoutingContext ctx) {
        return ctx.pathParam("model");
    }
}
