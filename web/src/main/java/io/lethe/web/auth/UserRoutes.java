package io.lethe.web.auth;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.Blocking;
import io.lethe.http.JsonBody;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** {@code /api/users}: admins create users, set their roles and passwords, delete them. */
public final class UserRoutes {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final UserStore users;
    private final PasswordHasher hasher;
    private final BiConsumer<String, String> onDeleted;
    /**
     * Held while an admin may lose the role (a role change, a deletion), so two admins demoting each other at once
     * cannot leave none; across processes sharing a database, a change that left no admin is undone after the fact.
     */
    private final Object adminChanges = new Object();

    /**
     * {@code onDeleted} gets the username and the admin who deleted it, to withdraw what was granted to the name
     * (a user created later under it is someone else).
     */
    public UserRoutes(UserStore users, PasswordHasher hasher, BiConsumer<String, String> onDeleted) {
        this.users = users;
        this.hasher = hasher;
        this.onDeleted = onDeleted;
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Users";
        api.route(HttpMethod.GET, "/api/users", tag, "List users", Role.ADMIN).handler(blocking.handler(ctx -> Reply.ok(list())));
        api.route(HttpMethod.POST, "/api/users", tag, "Create a user {username, password, roles}", Role.ADMIN)
                .handler(blocking.handler(this::create));
        api.route(HttpMethod.GET, "/api/users/:username", tag, "Get a user", Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(AuthRoutes.describe(existing(ctx)))));
        api.route(HttpMethod.PATCH, "/api/users/:username", tag, "Change roles and/or password", Role.ADMIN)
                .handler(blocking.handler(this::update));
        api.route(HttpMethod.DELETE, "/api/users/:username", tag, "Delete a user (never the last admin)", Role.ADMIN)
                .handler(blocking.handler(this::delete));
    }

    private JsonArray list() {
        JsonArray array = new JsonArray();
        users.list().forEach(u -> array.add(AuthRoutes.describe(u)));
        return array;
    }

    private Reply create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("username", "password", "roles"));
        String username = body.requiredString("username");
        String password = body.requiredString("password");
        Optional<List<String>> roleLabels = body.optionalStrings("roles");
        if (!username.isEmpty() && !USERNAME.matcher(username).matches()) {
            body.error("username", "must be 3-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        checkPassword(body, password);
        if (roleLabels.isEmpty()) {
            body.error("roles", "is required");
        }
        Set<Role> roles = roles(body, roleLabels.orElse(List.of()));
        body.validate();
        // to the millisecond, as stored: the answer gives what a later read gives
        User user = new User(username, hasher.hash(password), roles, 0, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        users.create(user);
        ctx.response().putHeader("Location", "/api/users/" + username);
        return Reply.created(AuthRoutes.describe(user));
    }

    private Reply update(RoutingContext ctx) {
        User user = existing(ctx);
        JsonBody body = JsonBody.of(ctx, Set.of("password", "roles"));
        Optional<String> password = body.optionalString("password");
        password.ifPresent(p -> checkPassword(body, p));
        Optional<Set<Role>> roles = body.optionalStrings("roles").map(labels -> roles(body, labels));
        body.validate();
        User updated = new User(user.username(),
                password.map(hasher::hash).orElse(user.passwordHash()),
                roles.orElse(user.roles()),
                password.isPresent() ? user.tokenVersion() + 1 : user.tokenVersion(),
                user.createdAt());
        boolean demotesAnAdmin = user.has(Role.ADMIN) && !updated.has(Role.ADMIN);
        synchronized (adminChanges) {
            if (demotesAnAdmin) {
                refuseIfLastAdmin(user);
            }
            users.update(updated);
            if (demotesAnAdmin && users.countWithRole(Role.ADMIN) == 0) { // another process demoted the other admin meanwhile
                users.update(user);
                throw lastAdmin(user);
            }
        }
        return Reply.ok(AuthRoutes.describe(updated));
    }

    private Reply delete(RoutingContext ctx) {
        User user = existing(ctx);
        synchronized (adminChanges) {
            refuseIfLastAdmin(user);
            users.delete(user.username());
            if (user.has(Role.ADMIN) && users.countWithRole(Role.ADMIN) == 0) { // as in update
                users.create(user);
                throw lastAdmin(user);
            }
        }
        onDeleted.accept(user.username(), CurrentUser.of(ctx).username());
        return Reply.noContent();
    }

    private void refuseIfLastAdmin(User user) {
        if (users.isLastWithRole(user.username(), Role.ADMIN)) {
            throw lastAdmin(user);
        }
    }

    private static ConflictException lastAdmin(User user) {
        return new ConflictException("'" + user.username() + "' is the last admin; make another admin first");
    }

    private User existing(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        return users.find(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
    }

    private static void checkPassword(JsonBody body, String password) {
        if (!password.isEmpty() && password.length() < PasswordHasher.MIN_LENGTH) {
            body.error("password", "must be at least " + PasswordHasher.MIN_LENGTH + " characters");
        }
    }

    private static Set<Role> roles(JsonBody body, List<String> labels) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            Optional<Role> role = Role.parse(label);
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                body.error("roles/" + i, "unknown role '" + label + "' (designer, admin, support)");
            }
        }
        if (labels.isEmpty()) {
            body.error("roles", "must name at least one role");
        }
        return roles;
    }
}
