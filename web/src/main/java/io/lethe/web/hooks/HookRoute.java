package io.lethe.web.hooks;

import io.lethe.engine.Engine;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.execution.HttpReply;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.json.RawJson;
import io.lethe.engine.trigger.HttpTriggers;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.Blocking;
import io.lethe.http.Problems;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /hooks/...}: runs the sequence bound to the request's method and path. The input is
 * {@code {method, path, params, query, headers, body}} (credentials headers removed); the
 * {@code respond} block shapes the answer, none gives 204. A failed run answers 500 with the
 * execution id, not the error (it may hold data).
 */
public final class HookRoute {

    public static final String PREFIX = "/hooks";
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization", "x-api-key");

    private final Engine engine;

    public HookRoute(Engine engine) {
        this.engine = engine;
    }

    /**
     * @param cpu runs sequences that are CPU work only (scripts run in place on its platform threads)
     * @param io  runs sequences that may wait on the database or the network (virtual threads)
     */
    public void mount(Router router, Blocking cpu, Blocking io, int maxBodyBytes) {
        var cpuRun = cpu.handler(this::run);
        var ioRun = io.handler(this::run);
        // A hook's path may hold personal data (/hooks/customers/ada@example.org): logs get its pattern.
        router.route(PREFIX + "/*").handler(ctx -> {
            ctx.put(Problems.LOG_PATH, PREFIX + "/…");
            ctx.next();
        });
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(ctx -> {
            String method = ctx.request().method().name();
            String path = ctx.normalizedPath().substring(PREFIX.length());
            var match = engine.httpTriggers().match(method, path);
            if (match.isEmpty()) {
                ctx.fail(new NotFoundException("no sequence answers " + method + " on this path"));
                return;
            }
            ctx.put(Problems.LOG_PATH, PREFIX + match.get().pattern());
            ctx.put(MATCH, match.get());
            (engine.cpuOnly(match.get().sequence()) ? cpuRun : ioRun).handle(ctx);
        });
    }

    private static final String MATCH = "lethe.hook";

    private Reply run(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath().substring(PREFIX.length());
        HttpTriggers.Match match = ctx.get(MATCH);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("method", method);
        input.put("path", path);
        input.put("params", match.params());
        input.put("query", flatten(ctx.queryParams(), Set.of()));
        input.put("headers", flatten(ctx.request().headers(), CREDENTIAL_HEADERS));
        input.put("body", body(ctx));
        // The record names the trigger pattern, not the path: a path may hold personal data.
        ExecutionResult result = engine.run(match.sequence(), TriggerInfo.http(method, PREFIX + match.pattern()), input);
        ctx.response().putHeader("X-Lethe-Execution", result.executionId());
        if (!result.succeeded() && result.response().isEmpty()) {
            return new Reply(500, Map.of("title", "Sequence failed", "status", 500, "executionId", result.executionId()));
        }
        return result.response().map(reply -> answer(ctx, reply)).orElse(Reply.noContent());
    }

    private static Reply answer(RoutingContext ctx, HttpReply reply) {
        reply.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
        Object body = reply.body() instanceof RawJson raw && raw.text().startsWith("\"") ? raw.value() : reply.body();
        if (body instanceof String text) {
            if (!reply.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"))) {
                ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8");
            }
            return new Reply(reply.status(), new Blocking.Text(text));
        }
        return new Reply(reply.status(), body);
    }

    private static Object body(RoutingContext ctx) {
        var buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return null;
        }
        String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            try {
                return RawJson.checked(buffer.getBytes()); // parsed only if a block or template looks inside
            } catch (IllegalArgumentException e) {
                throw io.lethe.engine.failure.InvalidInputException.of("", "the request body is not valid JSON");
            }
        }
        return buffer.toString();
    }

    private static Map<String, Object> flatten(MultiMap values, Set<String> skip) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String name : values.names()) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!skip.contains(key)) {
                var all = values.getAll(name);
                flat.put(key, all.size() == 1 ? all.get(0) : all);
            }
        }
        return flat;
    }
}
