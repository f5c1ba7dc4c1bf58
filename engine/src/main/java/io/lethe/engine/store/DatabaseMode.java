package io.lethe.engine.store;

import java.util.Locale;

/** Where the data lives: the in-process server under the data directory, or a MongoDB given by URI. */
public enum DatabaseMode {
    EMBEDDED,
    EXTERNAL;

    /** The lower-case name shown by {@code /health} and in logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
