package io.lethe.purge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a purge request is: draft → planned → approved → running → verifying → completed | failed; cancelled before running. */
public enum PurgeStatus {
    DRAFT, PLANNED, APPROVED, RUNNING, VERIFYING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PurgeStatus parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public boolean cancellable() {
        return this == DRAFT || this == PLANNED || this == APPROVED;
    }
}
