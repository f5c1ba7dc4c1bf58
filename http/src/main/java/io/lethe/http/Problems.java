package io.lethe.http;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: RFC 7807 {@code application/problem+json}
 * with the request's correlation id. 4xx are logged at WARN without the body, 5xx at ERROR.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    /**
     * Routing-context key: what to log instead of the request path when the path itself may hold
     * personal data (a hook such as {@code /hooks/customers/ada@example.org}). The answer keeps the path.
     */
    public static final String LOG_PATH = "lethe.logPath";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    private static String loggedPath(RoutingContext ctx) {
        String safe = ctx.get(LOG_PATH);
        return safe != null ? safe : ctx.request().path();
    }

    /** Failure handler for the whole router. */
    public static void handle(RoutingContext ctx) {
        answer(ctx.request(), CorrelationId.of(ctx), loggedPath(ctx), ctx.failure(), ctx.statusCode());
    }

    /**
     * Answers {@code failure} as a problem and logs it, for a request served without the router.
     *
     * @param logPath what the log names instead of the request's path (which may hold personal data)
     * @param statusCode the status to answer when there is no failure, or it maps to none
     */
    public static void answer(HttpServerRequest request, String correlationId, String logPath, Throwable failure, int statusCode) {
        if (request.response().ended()) {
            return;
        }
        JsonObject problem = toProblem(failure, statusCode);
        int status = problem.getInteger("status");
        problem.put("instance", request.path()).put("correlationId", correlationId);
        if (status >= 500) {
            log.atError().setCause(failure).addKeyValue("correlationId", correlationId)
                    .addKeyValue("method", request.method().name()).addKeyValue("path", logPath)
                    .log("request failed");
        } else {
            // The title and the fields at fault, never the detail: it may quote what was sent (a reference
            // attribute's personal value in "no customer instance '…'"), and request bodies are never logged.
            var line = log.atWarn().addKeyValue("correlationId", correlationId).addKeyValue("status", status)
                    .addKeyValue("method", request.method().name()).addKeyValue("path", logPath);
            JsonArray errors = problem.getJsonArray("errors");
            if (errors != null) {
                line = line.addKeyValue("fields", String.join(" ", errors.stream().map(e -> ((JsonObject) e).getString("pointer"))
                        .map(pointer -> pointer.isEmpty() ? "(body)" : pointer).distinct().toList()));
            }
            line.log("request refused: {}", problem.getString("title"));
        }
        send(request.response(), status, problem);
    }

    /** Ends the response with {@code problem}; for handlers that answer a problem without failing. */
    public static void send(RoutingContext ctx, int status, JsonObject problem) {
        send(ctx.response(), status, problem);
    }

    private static void send(HttpServerResponse response, int status, JsonObject problem) {
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(problem.encode());
    }

    static JsonObject toProblem(Throwable failure, int statusCode) {
        return switch (failure) {
            case InvalidInputException e -> problem(400, "Invalid request", e.getMessage()).put("errors", errors(e.errors()));
            case NotFoundException e -> problem(404, "Not found", e.getMessage());
            case ConflictException e -> {
                JsonObject p = problem(409, "Conflict", e.getMessage());
                e.details().forEach((key, value) -> {
                    if (!p.containsKey(key)) { // a detail never replaces the problem's own members (a string status answered 500)
                        p.put(key, value);
                    }
                });
                yield p;
            }
            case DecodeException e -> problem(400, "Malformed JSON", "the request body is not valid JSON")
                    .put("errors", errors(List.of(new FieldError("", "not valid JSON"))));
            case HttpException e -> problem(e.getStatusCode(), title(e.getStatusCode()), e.getPayload());
            case null -> problem(statusCode < 400 ? 500 : statusCode, title(statusCode), null);
            default -> statusCode >= 400 && statusCode < 500
                    ? problem(statusCode, title(statusCode), null)
                    : problem(500, title(500), "an unexpected error occurred; quote the correlation id to support");
        };
    }

    public static JsonObject problem(int status, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
        if (detail != null && !detail.isBlank()) {
            problem.put("detail", detail);
        }
        return problem;
    }

    private static JsonArray errors(List<FieldError> errors) {
        JsonArray array = new JsonArray();
        errors.forEach(e -> array.add(new JsonObject().put("pointer", e.pointer()).put("message", e.message())));
        return array;
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Request entity too large";
            case 415 -> "Unsupported media type";
            case 428 -> "Precondition required";
            case 429 -> "Too many requests";
            default -> status >= 500 || status < 400 ? "Internal server error" : "Request refused";
        };
    }
}
