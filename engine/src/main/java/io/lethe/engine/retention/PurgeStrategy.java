package io.lethe.engine.retention;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a purged attribute is overwritten. {@code hmac} keeps joins possible (equal values give
 * equal hashes under the server key) without keeping the value; {@code delete} removes the whole
 * instance, so it stands alone: {@link #mixedWithDelete} finds a strategy given beside it.
 */
public enum PurgeStrategy {
    NULL, MASK, HMAC, RANDOM, DELETE;

    public static final String MASK_TEXT = "[purged]";

    /** Why {@link #mixedWithDelete} refuses a strategy. */
    public static final String MIXED_WITH_DELETE = "'delete' removes the whole instance, every attribute with it: give it"
            + " without other strategies (to clear only some attributes, use null)";

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The first attribute given another strategy beside a {@code delete}: ambiguous, as the instance
     * goes whole and nothing is left to overwrite (clearing one attribute is {@code null}).
     */
    public static Optional<String> mixedWithDelete(Map<String, PurgeStrategy> strategies) {
        if (!strategies.containsValue(DELETE)) {
            return Optional.empty();
        }
        return strategies.entrySet().stream().filter(e -> e.getValue() != DELETE).map(Map.Entry::getKey).sorted().findFirst();
    }

    @JsonCreator
    public static PurgeStrategy parse(String label) {
        for (PurgeStrategy s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + label + "' (null, mask, hmac, random, delete)");
    }
}
