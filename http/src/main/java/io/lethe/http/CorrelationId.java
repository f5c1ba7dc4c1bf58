package io.lethe.http;

import io.lethe.engine.instance.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id} when it is a
 * plain token, else a new one), echoes it in the response and puts it in every log line.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final String KEY = "lethe.correlationId";
    private static final CharSequence NAME = HttpHeaders.createOptimized(HEADER); // hashed once, not per request
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    public static void assign(RoutingContext ctx) {
        ctx.put(KEY, assign(ctx.request()));
        ctx.next();
    }

    /** The id of a request served without the router: echoed in the response header, returned for the logs. */
    public static String assign(HttpServerRequest request) {
        String given = request.getHeader(NAME);
        String id = given != null && SAFE.matcher(given).matches() ? given : Ids.next();
        request.response().putHeader(NAME, id);
        return id;
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "none" : id;
    }
}
