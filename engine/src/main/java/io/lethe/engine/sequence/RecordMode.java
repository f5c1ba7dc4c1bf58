package io.lethe.engine.sequence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an execution record keeps (data minimisation): never inputs or outputs. */
public enum RecordMode {
    /** A record per run: status, timings, path, error. The default. */
    SUMMARY,
    /** Records of failed runs only. */
    FAILURES,
    /** No records; counters (metrics) only. */
    NONE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RecordMode parse(String label) {
        for (RecordMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown record mode '" + label + "' (summary, failures, none)");
    }
}
