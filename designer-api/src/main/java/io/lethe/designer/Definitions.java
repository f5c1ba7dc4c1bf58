package io.lethe.designer;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.json.Json;
import io.lethe.http.JsonBody;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * A design artefact in a request body: the definition plus an optional save {@code comment}.
 * On {@code PUT /{name}} the body's name, if given, must be the path's.
 */
public record Definitions<T>(T definition, Map<String, Object> plain, String comment) {

    public static <T> Definitions<T> read(RoutingContext ctx, Class<T> type, String pathName) {
        Map<String, Object> body = JsonBody.plainObject(ctx);
        Object comment = body.remove("comment");
        if (comment != null && !(comment instanceof String)) {
            throw InvalidInputException.of("/comment", "must be text");
        }
        if (comment instanceof String c && c.length() > 500) {
            throw InvalidInputException.of("/comment", "at most 500 characters");
        }
        if (pathName != null) {
            Object name = body.putIfAbsent("name", pathName);
            if (name != null && !pathName.equals(name)) {
                throw InvalidInputException.of("/name", "must be '" + pathName + "' (rename is not supported: create a new one)");
            }
        }
        return new Definitions<>(Json.parse(body, type), body, (String) comment);
    }
}
