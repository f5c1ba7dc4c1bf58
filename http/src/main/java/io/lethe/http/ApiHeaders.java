package io.lethe.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every API answer. API answers carry instances, traces, log lines and execution records:
 * {@code no-store} keeps them out of the browser's disk cache and any proxy, so a value purged from
 * Lethe does not live on in a copy that was only ever meant to be shown once.
 */
public final class ApiHeaders {

    private ApiHeaders() {
    }

    /** Sets the headers and passes the request on; mount it on {@code /api/*} ahead of every API route. */
    public static void set(RoutingContext ctx) {
        ctx.response().headers()
                .set("Cache-Control", "no-store")
                .set("X-Content-Type-Options", "nosniff");
        ctx.next();
    }
}
