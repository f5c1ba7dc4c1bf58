package io.lethe.http.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;
import java.util.Set;

/** The signed-in user of a request (set by authentication) and the per-route role guard. */
public final class CurrentUser {

    private static final String KEY = "lethe.user";

    private CurrentUser() {
    }

    /** Set by the authentication step once the user behind the token is known. */
    public static void set(RoutingContext ctx, User user) {
        ctx.put(KEY, user);
    }

    public static User of(RoutingContext ctx) {
        User user = ctx.get(KEY);
        if (user == null) {
            throw new IllegalStateException("route is not behind authentication");
        }
        return user;
    }

    /** A guard letting through users holding at least one of {@code roles}; 403 otherwise. */
    public static Handler<RoutingContext> requireAny(Role... roles) {
        Set<Role> allowed = Set.copyOf(Arrays.asList(roles));
        return ctx -> {
            User user = of(ctx);
            if (user.roles().stream().anyMatch(allowed::contains)) {
                ctx.next();
            } else {
                ctx.fail(new HttpException(403, "requires one of the roles: "
                        + String.join(", ", Role.labels(allowed))));
            }
        };
    }
}
