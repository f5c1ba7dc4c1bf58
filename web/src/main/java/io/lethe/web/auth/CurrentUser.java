package io.lethe.web.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;
import java.util.Set;

/**
 * The signed-in user of a request, resolved from the verified token against the user store,
 * and the per-route role guard.
 */
public final class CurrentUser {

    private static final String KEY = "lethe.user";

    private CurrentUser() {
    }

    /** Blocking step after token verification: loads the user, refuses stale or orphan tokens. */
    public static void resolve(RoutingContext ctx, UserStore users) {
        var principal = ctx.user().principal();
        String username = principal.getString("sub");
        int version = principal.getInteger("ver", -1);
        User user = users.find(username)
                .filter(u -> u.tokenVersion() == version)
                .orElseThrow(() -> new HttpException(401, "the token was revoked or its user no longer exists"));
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
                        + String.join(", ", UserStore.labels(allowed))));
            }
        };
    }
}
