package io.lethe.engine.store;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embedded store's guard against deep documents. Its H2 file holds each document Java-serialized, and the
 * background thread that writes the file overflows its stack on a document nested about 400 levels deep; the
 * store then closes itself, every later request fails, and the writes of the last second are lost. MongoDB
 * refuses documents nested deeper than {@value #MAX_DEPTH} levels: so does this, before anything is written. A
 * dotted key in an update ({@code "values.a.b"}) counts as the levels it reaches. Lethe refuses deep input
 * long before this (see {@code StorableValues}); the guard is for whatever gets past that.
 */
final class WriteDepth {

    static final int MAX_DEPTH = 100;
    private static final Set<String> WRITES = Set.of("insert", "update", "findandmodify");

    private WriteDepth() {
    }

    /** Throws the error MongoDB gives when the command would store a document nested too deep. */
    static void check(String command, Map<String, Object> query) {
        if (WRITES.contains(command.toLowerCase(Locale.ROOT)) && depth(query) > MAX_DEPTH + 2) {
            throw new MongoServerError(15, "Overflow", "cannot store a document nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** Levels of nesting, counting the command's own wrapping (two levels around a document). */
    static int depth(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                int deepest = 0;
                for (var entry : map.entrySet()) {
                    int dots = (int) String.valueOf(entry.getKey()).chars().filter(c -> c == '.').count();
                    deepest = Math.max(deepest, dots + depth(entry.getValue()));
                }
                yield 1 + deepest;
            }
            case List<?> list -> {
                int deepest = 0;
                for (Object item : list) {
                    deepest = Math.max(deepest, depth(item));
                }
                yield 1 + deepest;
            }
            case null, default -> 0;
        };
    }
}
