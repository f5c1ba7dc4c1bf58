package io.lethe.engine.json;

import io.lethe.engine.failure.FieldError;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the database cannot hold faithfully, found before it is written: a value nested deeper than
 * {@link #MAX_DEPTH} levels (MongoDB stores at most 100 and a stored document wraps the value; the embedded
 * store fails on its own long before: its background writer overflows its stack serializing 400 levels, and
 * then refuses every write), a whole number beyond 64 bits (no BSON type holds it) and an infinite or
 * not-a-number decimal (JSON has none).
 */
public final class StorableValues {

    /** How many objects and arrays deep a request body, or an instance attribute's value, may nest. */
    public static final int MAX_DEPTH = 64;

    private StorableValues() {
    }

    /** The first problem with {@code value}, its pointer starting with {@code at}. */
    public static Optional<FieldError> problem(Object value, String at) {
        return problem(value, at, 0);
    }

    /** @param depth how many objects and arrays hold {@code value} */
    private static Optional<FieldError> problem(Object value, String at, int depth) {
        if ((value instanceof Map<?, ?> || value instanceof List<?>) && depth == MAX_DEPTH) {
            return Optional.of(new FieldError(at, "nests deeper than " + MAX_DEPTH + " levels"));
        }
        return switch (value) {
            case Map<?, ?> map -> {
                for (var entry : map.entrySet()) {
                    var below = problem(entry.getValue(), at + "/" + entry.getKey(), depth + 1);
                    if (below.isPresent()) {
                        yield below;
                    }
                }
                yield Optional.empty();
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    var below = problem(list.get(i), at + "/" + i, depth + 1);
                    if (below.isPresent()) {
                        yield below;
                    }
                }
                yield Optional.empty();
            }
            case BigInteger big -> Optional.of(new FieldError(at,
                    "is a whole number beyond 64 bits (at most 9223372036854775807 either way): send it as text"));
            case Double d when !Double.isFinite(d) -> Optional.of(new FieldError(at, "must be a finite number"));
            case Float f when !Float.isFinite(f) -> Optional.of(new FieldError(at, "must be a finite number"));
            case null, default -> Optional.empty();
        };
    }
}
