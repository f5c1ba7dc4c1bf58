package io.lethe.engine.job;

import java.time.Duration;

/**
 * How long the hourly {@link Housekeeping} keeps what piles up with use.
 *
 * @param deactivated how long deactivated instances are kept before they are deleted for good
 * @param executions  how long execution records and per-minute run counts are kept
 */
public record Retention(Duration deactivated, Duration executions) {

    public static final Retention DEFAULTS = new Retention(Duration.ofDays(30), Duration.ofDays(30));

    public Retention {
        if (deactivated.isNegative() || deactivated.isZero() || executions.isNegative() || executions.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }
}
