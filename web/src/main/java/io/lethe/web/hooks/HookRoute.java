package io.lethe.web.hooks;

import io.lethe.engine.Engine;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.execution.HttpReply;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.json.Json;
import io.lethe.engine.json.RawJson;
import io.lethe.engine.trigger.HookKeys;
import io.lethe.engine.trigger.HttpTriggers;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.CorrelationId;
import io.lethe.http.Problems;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /hooks/...}: runs the sequence bound to the request's method and path. The input is
 * {@code {method, path, params, query, headers, body}} (credentials headers removed); the
 * {@code respond} block shapes the answer, none gives 204. A failed run answers 500 with the
 * execution id, not the error (it may hold data).
 *
 * <p>Hooks are the hot path, so a plain hook request (a known trigger, a plain path, a body of
 * declared length within the limit) is served {@linkplain #ahead ahead of the router}; any other
 * request under {@code /hooks} (an unknown hook, an oversized or chunked body, a path that needs
 * normalising) takes the router's route, which answers it the same way or with the problem.
 */
public final class HookRoute {

    private static final Logger log = LoggerFactory.getLogger(HookRoute.class);
    public static final String PREFIX = "/hooks";
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "cookie", "proxy-authorization", "x-api-key", "x-hook-key");
    /** The query of a request without one: only ever read (parsing an absent query still builds a map). */
    private static final MultiMap NO_QUERY = MultiMap.caseInsensitiveMultiMap();
    private static final CharSequence EXECUTION_HEADER = HttpHeaders.createOptimized("X-Lethe-Execution"); // hashed once, not per request
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    private final Engine engine;
    private final Blocking cpu;
    private final Blocking io;
    private final int maxBodyBytes;

    /**
     * @param cpu runs sequences that are CPU work only (scripts run in place on its platform threads)
     * @param io  runs sequences that may wait on the database or the network (virtual threads)
     */
    public HookRoute(Engine engine, Blocking cpu, Blocking io, int maxBodyBytes) {
        this.engine = engine;
        this.cpu = cpu;
        this.io = io;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** What one run is given: the request, its path under {@link #PREFIX}, the hook it matched and its query. */
    private record Hook(HttpServerRequest request, String path, HttpTriggers.Match match, MultiMap query) {
        String logPath() {
            return PREFIX + match.pattern(); // a hook's path may hold personal data (/hooks/customers/ada@example.org)
        }
    }

    /** The route for hook requests that are not served ahead of the router. */
    public void mount(Router router) {
        // Two routes: Vert.x Web puts a body handler before any user handler of its route.
        router.route(PREFIX + "/*").handler(ctx -> {
            ctx.put(Problems.LOG_PATH, PREFIX + "/…"); // until a hook matches, e.g. for a 413
            ctx.next();
        });
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(ctx -> {
            String method = ctx.request().method().name();
            String path = ctx.normalizedPath().substring(PREFIX.length());
            if (HookCors.preflight(ctx.request(), engine.httpTriggers(), path)) {
                return;
            }
            var match = engine.httpTriggers().match(method, path);
            if (match.isEmpty()) {
                Set<String> allowed = engine.httpTriggers().methods(path);
                if (allowed.isEmpty()) {
                    ctx.fail(new NotFoundException("no sequence answers " + method + " on this path"));
                } else {
                    ctx.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
                    ctx.fail(new HttpException(405, "no sequence answers " + method + " on this path; "
                            + String.join(", ", allowed) + " " + (allowed.size() == 1 ? "does" : "do")));
                }
                return;
            }
            Hook hook = new Hook(ctx.request(), path, match.get(), ctx.queryParams());
            ctx.put(Problems.LOG_PATH, hook.logPath());
            HookCors.allowCaller(ctx.request(), match.get());
            Buffer body = ctx.body().buffer();
            threads(hook).serve(ctx.response(), CorrelationId.of(ctx), answer -> run(hook, body, answer), ctx::fail);
        });
    }

    /**
     * The HTTP server's request handler: serves plain hook requests itself (no routing context, no
     * route matching: under a microsecond less per request on the event loop, measured) and hands every other
     * request to {@code router}.
     */
    public Handler<HttpServerRequest> ahead(Handler<HttpServerRequest> router) {
        return request -> {
            if (!served(request)) {
                router.handle(request);
            }
        };
    }

    private boolean served(HttpServerRequest request) {
        String raw = request.path();
        if (raw == null || !raw.startsWith(PREFIX + "/") || !plain(raw) || !bodyOfKnownLength(request)) {
            return false;
        }
        String path = raw.substring(PREFIX.length());
        var match = engine.httpTriggers().match(request.method().name(), path);
        if (match.isEmpty()) {
            return false; // the route answers the 404 problem
        }
        Hook hook = new Hook(request, path, match.get(), request.query() == null ? NO_QUERY : request.params());
        HookCors.allowCaller(request, match.get());
        String correlationId = CorrelationId.assign(request);
        Handler<Throwable> failed = e -> Problems.answer(request, correlationId, hook.logPath(), e, 500);
        request.body().onSuccess(body -> threads(hook).serve(request.response(), correlationId, answer -> run(hook, body, answer), failed))
                .onFailure(failed);
        return true;
    }

    /** A path the router would not change: no percent-encoding, empty or dot segments. */
    private static boolean plain(String path) {
        return path.indexOf('%') < 0 && !path.contains("//") && !path.contains("/.");
    }

    /**
     * HTTP/1.1 with no body, or one of a declared length within the limit and no 100-continue to
     * answer. (A request with both a length and chunks has had its length removed by the decoder.)
     */
    private boolean bodyOfKnownLength(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
        }
        try {
            long bytes = Long.parseLong(length);
            return bytes <= maxBodyBytes && (bytes == 0 || request.getHeader(HttpHeaders.EXPECT) == null);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Blocking threads(Hook hook) {
        return engine.cpuOnly(hook.match().sequence()) ? cpu : io;
    }

    /** Runs the hook's sequence; its first respond block answers at once ({@code answer}), the run goes on. */
    private Reply run(Hook hook, Buffer body, Consumer<Reply> answer) {
        HttpServerRequest request = hook.request();
        if (hook.match().requireKey() && !engine.hookKeys().opens(hook.match().sequence(), request.getHeader(HookKeys.HEADER))) {
            throw new HttpException(401, "this hook needs its key in the " + HookKeys.HEADER + " header");
        }
        String method = request.method().name();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("method", method);
        input.put("path", hook.path());
        input.put("params", hook.match().params());
        input.put("query", new HeaderValues(hook.query(), Set.of()));
        input.put("headers", new HeaderValues(request.headers(), CREDENTIAL_HEADERS));
        input.put("body", body(request, body));
        // The record names the trigger pattern, not the path: a path may hold personal data.
        ExecutionResult result = engine.run(hook.match().sequence(), TriggerInfo.http(method, hook.logPath()), input,
                (executionId, reply) -> {
                    request.response().putHeader(EXECUTION_HEADER, executionId);
                    answer.accept(answer(request, reply, executionId));
                });
        if (result.response().isPresent()) {
            return null; // answered when the respond block ran
        }
        request.response().putHeader(EXECUTION_HEADER, result.executionId());
        return result.succeeded() ? Reply.noContent() : failed(request, result.executionId());
    }

    /** A problem+json 500 naming the execution to look at (its error stays in the record: it may quote data). */
    private static Reply failed(HttpServerRequest request, String executionId) {
        request.response().putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Sequence failed");
        problem.put("status", 500);
        problem.put("detail", "the sequence failed before it answered: see its execution record");
        problem.put("executionId", executionId);
        return new Reply(500, new Blocking.Raw(Json.write(problem).getBytes(StandardCharsets.UTF_8), Problems.CONTENT_TYPE));
    }

    private static Reply answer(HttpServerRequest request, HttpReply reply, String executionId) {
        // What a respond block answers may be personal data: kept out of caches unless its own headers say otherwise.
        request.response().putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        try {
            reply.headers().forEach((k, v) -> request.response().putHeader(k, v));
        } catch (RuntimeException e) { // the respond block checks them: a header the server still refuses
            log.atError().setCause(e).addKeyValue("executionId", executionId).log("respond block's headers refused");
            return failed(request, executionId);
        }
        Object body = reply.body() instanceof RawJson raw && raw.text().startsWith("\"") ? raw.value() : reply.body();
        if (body instanceof String text) {
            if (!reply.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"))) {
                request.response().putHeader("Content-Type", "text/plain; charset=utf-8");
            }
            return new Reply(reply.status(), new Blocking.Text(text));
        }
        return new Reply(reply.status(), body);
    }

    private static Object body(HttpServerRequest request, Buffer buffer) {
        if (buffer == null || buffer.length() == 0) {
            return null;
        }
        String type = String.valueOf(request.getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            try {
                return RawJson.checked(buffer.getBytes()); // parsed only if a block or template looks inside
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("", e.getMessage()); // says what, never echoes the body
            }
        }
        return buffer.toString();
    }
}
