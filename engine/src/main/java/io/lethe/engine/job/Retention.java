package io.lethe.engine.job;

import java.time.Duration;

/**
 * How long what piles up with use is kept: by the hourly {@link Housekeeping}, for logs by each process, for debug
 * traces by the debugger's retention job. The defaults come from the flags a process starts with; an admin's
 * change is kept by {@link RetentionPolicy}.
 *
 * @param deactivated how long deactivated instances are kept before they are deleted for good
 * @param executions  how long execution records and per-minute run counts are kept
 * @param logs        how long a process's log segments are kept ({@code io.lethe.engine.log.LogRetention})
 * @param traces      how long debug traces are kept
 * @param backups     how many of the daily backup archives are kept (the oldest beyond are deleted after each one)
 */
public record Retention(Duration deactivated, Duration executions, Duration logs, Duration traces, int backups) {

    public static final Retention DEFAULTS = new Retention(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30),
            Duration.ofDays(7), 7);

    public Retention {
        for (Duration d : new Duration[] {deactivated, executions, logs, traces}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retention must be positive, not " + d);
            }
        }
        if (backups < 1) {
            throw new IllegalArgumentException("keep at least one backup, not " + backups);
        }
    }
}
