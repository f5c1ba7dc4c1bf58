package io.lethe.debugger.window;

import java.time.Duration;
import java.time.Instant;

/**
 * A period during which every run of one sequence is traced. It is on from {@code openedAt}
 * until {@code expiresAt} unless someone closed it earlier. {@code reveal} windows keep personal
 * and sensitive values in clear (credentials never).
 */
public record DebugWindow(String sequence, String openedBy, Instant openedAt, Instant expiresAt, boolean reveal,
        String closedBy, Instant closedAt) {

    public boolean isOnAt(Instant now) {
        return closedAt == null && now.isBefore(expiresAt);
    }

    /** Time left before it switches itself off; zero once off. */
    public Duration remainingAt(Instant now) {
        return isOnAt(now) ? Duration.between(now, expiresAt) : Duration.ZERO;
    }

    DebugWindow closed(String by, Instant at) {
        return new DebugWindow(sequence, openedBy, openedAt, expiresAt, reveal, by, at);
    }
}
