package io.lethe.engine.failure;

import java.util.Map;

/**
 * The request clashes with the current state (a name taken, a stale version, a thing in use).
 * Maps to HTTP 409; {@code details} are added to the problem document.
 */
public final class ConflictException extends RuntimeException {

    private final Map<String, Object> details;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    public Map<String, Object> details() {
        return details;
    }
}
