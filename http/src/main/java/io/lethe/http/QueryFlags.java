package io.lethe.http;

import io.lethe.engine.failure.InvalidInputException;
import io.vertx.ext.web.RoutingContext;

/** Yes/no query parameters ({@code ?force=true}): absent is no; anything but {@code true} or {@code false} is refused. */
public final class QueryFlags {

    private QueryFlags() {
    }

    /** Whether {@code ?name=true} was given; {@code ?name=yes} is a 400 naming it, not a silent no. */
    public static boolean flag(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw InvalidInputException.of("/" + name, "must be true or false");
    }
}
