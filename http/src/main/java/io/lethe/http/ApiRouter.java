package io.lethe.http;

import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Declares API routes and documents them in one step, so the OpenAPI document cannot drift from
 * the routes: each declaration adds the role guard and an {@link Operation} for {@link OpenApi}.
 */
public final class ApiRouter {

    /**
     * One documented route. {@code roles} empty means any signed-in user; {@code open} means no
     * authentication at all; {@code bodyType} is the type its JSON body is read into (null: an object, or no body).
     */
    public record Operation(HttpMethod method, String path, String tag, String summary, Set<Role> roles, boolean open,
            boolean body, Type bodyType) {
    }

    private final Router router;
    private final List<Operation> operations = new ArrayList<>();
    /** Each operation's path as segments, for {@link #logPath}. */
    private volatile List<String[]> patterns = List.of();

    public ApiRouter(Router router) {
        this.router = router;
    }

    public Router router() {
        return router;
    }

    /**
     * Names, for the logs, every request under {@code prefix} (e.g. {@code /api/*}) by the pattern of the operation it
     * is for ({@link #logPath}). Mount it before any handler that may refuse the request.
     */
    public void nameInLogs(String prefix) {
        router.route(prefix).handler(ctx -> {
            ctx.put(Problems.LOG_PATH, logPath(ctx.request().path()));
            ctx.next();
        });
    }

    /**
     * What a log line names for a request to {@code path}: the pattern of the operation it is for
     * ({@code /api/users/:username}), never the path, whose segments may hold personal data (a staff member's
     * username, a design named after a person), and which the console keeps where no purge reaches; a path no operation
     * has is named by its first segment ({@code /api/…}).
     */
    String logPath(String path) {
        String[] segments = segments(path);
        List<String[]> patterns = this.patterns;
        if (patterns.size() != operations.size()) { // routes are declared before requests come: made once
            patterns = operations.stream().map(o -> segments(o.path())).toList();
            this.patterns = patterns;
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (matches(patterns.get(i), segments)) {
                return operations.get(i).path();
            }
        }
        return segments.length == 0 ? "/" : "/" + segments[0] + "/…";
    }

    private static boolean matches(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].startsWith(":") && !pattern[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return path == null ? new String[0] : Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** A route for signed-in users holding one of {@code roles} (any signed-in user when none). */
    public Route route(HttpMethod method, String path, String tag, String summary, Role... roles) {
        return declare(method, path, tag, summary, hasBody(method), null, roles);
    }

    /** A route whose JSON body is read into {@code bodyType} (its schema in the OpenAPI document). */
    public Route route(HttpMethod method, String path, String tag, String summary, Type bodyType, Role... roles) {
        return declare(method, path, tag, summary, true, bodyType, roles);
    }

    /** A POST that takes no body (an action on a resource, e.g. deactivate). */
    public Route action(String path, String tag, String summary, Role... roles) {
        return declare(HttpMethod.POST, path, tag, summary, false, null, roles);
    }

    /** A PUT that takes no body (the path says everything, e.g. grant a permission to a user). */
    public Route putWithoutBody(String path, String tag, String summary, Role... roles) {
        return declare(HttpMethod.PUT, path, tag, summary, false, null, roles);
    }

    private Route declare(HttpMethod method, String path, String tag, String summary, boolean body, Type bodyType, Role... roles) {
        operations.add(new Operation(method, path, tag, summary, Set.copyOf(Arrays.asList(roles)), false, body, bodyType));
        Route route = router.route(method, path);
        if (roles.length > 0) {
            route.handler(CurrentUser.requireAny(roles));
        }
        return route;
    }

    /** A route needing no authentication (declare it before the authentication handler). */
    public Route open(HttpMethod method, String path, String tag, String summary) {
        operations.add(new Operation(method, path, tag, summary, Set.of(), true, hasBody(method), null));
        return router.route(method, path);
    }

    private static boolean hasBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }
}
