package io.lethe.engine.job;

import java.time.Duration;

/**
 * How long what piles up with use is kept: by the hourly {@link Housekeeping}, and for logs by each process.
 *
 * @param deactivated how long deactivated instances are kept before they are deleted for good
 * @param executions  how long execution records and per-minute run counts are kept
 * @param logs        how long a process's log segments are kept ({@code io.lethe.engine.log.LogRetention})
 */
public record Retention(Duration deactivated, Duration executions, Duration logs) {

    public static final Retention DEFAULTS = new Retention(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30));

    public Retention {
        for (Duration d : new Duration[] {deactivated, executions, logs}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retention must be positive, not " + d);
            }
        }
    }
}
