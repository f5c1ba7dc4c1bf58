package io.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much harm a value can do if it leaks. {@code personal} and {@code sensitive} values are
 * redacted in traces and logs and are what purges look for.
 */
public enum Sensitivity {
    NONE, PERSONAL, SENSITIVE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Sensitivity parse(String label) {
        for (Sensitivity s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sensitivity '" + label + "' (none, personal, sensitive)");
    }

    public boolean isProtected() {
        return this != NONE;
    }
}
