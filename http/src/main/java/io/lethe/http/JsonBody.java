package io.lethe.http;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.json.RequestJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON object request body field by field, collecting every problem (unknown fields,
 * missing or mistyped values) so the caller gets them all at once; {@link #validate()} throws
 * them as one {@link InvalidInputException} before anything is written.
 */
public final class JsonBody {

    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(JsonObject json, Set<String> allowed) {
        this.json = json;
        json.fieldNames().stream().filter(name -> !allowed.contains(name)).sorted()
                .forEach(name -> errors.add(new FieldError("/" + name, "unknown field")));
    }

    /** The request body as an object with only {@code allowed} fields. */
    public static JsonBody of(RoutingContext ctx, Set<String> allowed) {
        return new JsonBody(new JsonObject(plainObject(ctx)), allowed);
    }

    /** The body as plain maps and lists (for bodies parsed into records with {@code Json.parse}), read by {@link RequestJson}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plainObject(RoutingContext ctx) {
        var buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            throw InvalidInputException.of("", "a JSON object body is required");
        }
        Object parsed = RequestJson.read(buffer.getBytes(), "");
        if (!(parsed instanceof Map<?, ?> map)) {
            throw InvalidInputException.of("", "must be a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    public Optional<String> optionalString(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        error(field, "must be a string");
        return Optional.empty();
    }

    public String requiredString(String field) {
        if (!json.containsKey(field) || json.getValue(field) == null) {
            error(field, "is required");
            return "";
        }
        return optionalString(field).orElse("");
    }

    public Optional<List<String>> optionalStrings(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonArray array && array.stream().allMatch(String.class::isInstance)) {
            return Optional.of(array.stream().map(String.class::cast).toList());
        }
        error(field, "must be an array of strings");
        return Optional.empty();
    }

    /** A whole number from {@code min} to {@code max} (a fraction or a number in quotes is refused); 0 when refused. */
    public long requiredWholeNumber(String field, long min, long max) {
        Object value = json.getValue(field);
        if (value == null) {
            error(field, "is required");
        } else if (!(value instanceof Integer || value instanceof Long)) {
            error(field, "must be a whole number");
        } else if (((Number) value).longValue() < min || ((Number) value).longValue() > max) {
            error(field, "must be from " + min + " to " + max);
        } else {
            return ((Number) value).longValue();
        }
        return 0;
    }

    /** Records a problem with {@code field} found by the caller's own checks. */
    public void error(String field, String message) {
        errors.add(new FieldError("/" + field, message));
    }

    /** Throws all collected problems, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
