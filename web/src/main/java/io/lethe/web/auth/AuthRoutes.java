package io.lethe.web.auth;

import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.Blocking;
import io.lethe.http.JsonBody;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Optional;
import java.util.Set;

/** Sign in, who am I, change your password, sign out. */
public final class AuthRoutes {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginThrottle throttle;

    public AuthRoutes(UserStore users, PasswordHasher hasher, TokenService tokens, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** {@code POST /api/auth/login} is public; mount before authentication. */
    public void mountPublic(ApiRouter api, Blocking blocking) {
        api.open(HttpMethod.POST, "/api/auth/login", "Authentication", "Sign in: {username, password} gives a bearer token")
                .handler(blocking.handler(this::login));
    }

    /** Routes for any signed-in user. */
    public void mount(ApiRouter api, Blocking blocking) {
        api.route(HttpMethod.GET, "/api/auth/me", "Authentication", "Who am I")
                .handler(ctx -> ctx.json(describe(CurrentUser.of(ctx))));
        api.action("/api/auth/logout", "Authentication", "Revoke every token of the caller")
                .handler(blocking.handler(this::logout));
        api.action("/api/auth/password", "Authentication",
                "Change your own password {currentPassword, newPassword}: every other token is revoked, a new one is answered")
                .handler(blocking.handler(this::changePassword));
    }

    /** Loads the user behind a verified token; refuses revoked tokens, removed users and their namesakes created since with 401. */
    public User resolve(RoutingContext ctx) {
        var principal = ctx.user().principal();
        String username = principal.getString("sub");
        return users.find(username)
                .filter(u -> TokenService.names(principal, u))
                .orElseThrow(() -> new HttpException(401, "the token was revoked or its user no longer exists"));
    }

    private Reply login(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("username", "password"));
        String username = body.requiredString("username");
        String password = body.requiredString("password");
        body.validate();
        String address = address(ctx);
        refuseWhileThrottled(ctx, username, address);
        // a name no account may have (an account a purge redacted under [redacted], restored from an old backup) signs in nobody
        Optional<User> found = UserRoutes.USERNAME.matcher(username).matches() ? users.find(username) : Optional.empty();
        // one hash check either way: an unknown name must take as long as a wrong password (or names could be told apart)
        boolean matches = found.isPresent() ? hasher.matches(password, found.get().passwordHash()) : hasher.matchesNothing(password);
        if (!matches) {
            throttle.failed(username, address);
            throw new HttpException(401, "wrong username or password");
        }
        User user = found.orElseThrow();
        throttle.succeeded(username, address);
        return Reply.ok(describe(user)
                .put("token", tokens.issue(user))
                .put("expiresAt", tokens.expiryOfTokenIssuedNow().toString()));
    }

    /**
     * The caller's own password: the current one is checked (a wrong one counts as a failed sign-in, so a
     * stolen token cannot be used to guess it), every token issued before is revoked, and a new one answered.
     */
    private Reply changePassword(RoutingContext ctx) {
        User user = CurrentUser.of(ctx);
        JsonBody body = JsonBody.of(ctx, Set.of("currentPassword", "newPassword"));
        String current = body.requiredString("currentPassword");
        String next = body.requiredString("newPassword");
        if (!next.isEmpty() && next.length() < PasswordHasher.MIN_LENGTH) {
            body.error("newPassword", "must be at least " + PasswordHasher.MIN_LENGTH + " characters");
        } else if (!next.isEmpty() && next.equals(current)) {
            body.error("newPassword", "must differ from the current password");
        }
        body.validate();
        String address = address(ctx);
        refuseWhileThrottled(ctx, user.username(), address);
        if (!hasher.matches(current, user.passwordHash())) {
            throttle.failed(user.username(), address);
            body.error("currentPassword", "is not your current password");
            body.validate();
        }
        throttle.succeeded(user.username(), address);
        User changed = new User(user.username(), hasher.hash(next), user.roles(), user.tokenVersion() + 1, user.createdAt());
        users.update(changed);
        return Reply.ok(describe(changed)
                .put("token", tokens.issue(changed))
                .put("expiresAt", tokens.expiryOfTokenIssuedNow().toString()));
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    }

    /** 429 with {@code Retry-After} while wrong passwords for this user from this address make it wait. */
    private void refuseWhileThrottled(RoutingContext ctx, String username, String address) {
        var wait = throttle.wait(username, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", String.valueOf(seconds));
            throw new HttpException(429, "too many wrong passwords: try again in " + seconds + " s");
        }
    }

    private Reply logout(RoutingContext ctx) {
        User user = CurrentUser.of(ctx);
        users.update(new User(user.username(), user.passwordHash(), user.roles(), user.tokenVersion() + 1, user.createdAt()));
        return Reply.noContent();
    }

    static JsonObject describe(User user) {
        return new JsonObject()
                .put("username", user.username())
                .put("roles", new JsonArray(Role.labels(user.roles()).stream().toList()))
                .put("createdAt", user.createdAt().toString());
    }
}
