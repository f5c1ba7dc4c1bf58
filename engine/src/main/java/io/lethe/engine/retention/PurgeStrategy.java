package io.lethe.engine.retention;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a purged attribute is overwritten. {@code hmac} keeps joins possible (equal values give
 * equal hashes under the server key) without keeping the value; {@code delete} removes the whole
 * instance.
 */
public enum PurgeStrategy {
    NULL, MASK, HMAC, RANDOM, DELETE;

    public static final String MASK_TEXT = "[purged]";

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
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
