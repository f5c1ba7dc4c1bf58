package io.lethe.web.hooks;

import io.lethe.engine.trigger.HttpTriggers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Cross-origin calls to hooks (CORS): a page of an origin its trigger lists in {@code allowOrigins} may
 * call the hook from a browser and read the answer; any other page gets no CORS headers, so the browser
 * keeps the answer from it. Nothing is allowed by default.
 */
final class HookCors {

    private static final String MAX_AGE_SECONDS = "600";

    private HookCors() {
    }

    /** Answers a browser's preflight for a hook whose trigger allows the page's origin; false when it is not one. */
    static boolean preflight(HttpServerRequest request, HttpTriggers triggers, String path) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (request.method() != HttpMethod.OPTIONS || origin == null || method == null) {
            return false;
        }
        var match = triggers.match(method, path);
        if (match.isEmpty() || !match.get().trigger().allows(origin)) {
            return false; // answered as any OPTIONS request: the browser then refuses the call
        }
        allow(request, origin);
        request.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, method)
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null) {
            request.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
        }
        request.response().setStatusCode(204).end();
        return true;
    }

    /** Lets the calling page read the answer when the trigger allows its origin (no work for hooks that allow none). */
    static void allowCaller(HttpServerRequest request, HttpTriggers.Match match) {
        if (!match.trigger().allowOrigins().isEmpty()) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (match.trigger().allows(origin)) {
                allow(request, origin);
            }
        }
    }

    private static void allow(HttpServerRequest request, String origin) {
        request.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).putHeader(HttpHeaders.VARY, "Origin");
    }
}
