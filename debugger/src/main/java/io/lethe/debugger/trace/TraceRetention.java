package io.lethe.debugger.trace;

import io.lethe.engine.job.JobRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes traces older than the retention age (default 7 days, as an admin sets it). The embedded database has no TTL
 * indexes, so this is a job: {@link #sweep()} runs it once and records its count in
 * {@link JobRuns} as {@value #JOB}. Running it twice, or in several processes at once, is harmless.
 */
public final class TraceRetention {

    public static final String JOB = "debug-trace-retention";
    private static final Logger log = LoggerFactory.getLogger(TraceRetention.class);

    /** What one sweep did. */
    public record Sweep(Instant cutoff, long deleted) {
    }

    private final TraceStore store;
    private final JobRuns jobRuns;
    private final Clock clock;
    private final Supplier<Duration> retention;

    /** @param retention the retention in force, read at every sweep */
    public TraceRetention(TraceStore store, JobRuns jobRuns, Clock clock, Supplier<Duration> retention) {
        this.store = store;
        this.jobRuns = jobRuns;
        this.clock = clock;
        this.retention = retention;
    }

    public Sweep sweep() {
        Instant started = clock.instant();
        Instant cutoff = started.minus(retention.get());
        long deleted = store.deleteAll(TraceStore.range(null, null, cutoff));
        jobRuns.record(new JobRuns.JobRun(JOB, started, clock.instant(), Map.of("deleted", deleted)));
        log.atInfo().addKeyValue("deleted", deleted).addKeyValue("cutoff", cutoff.toString()).log("old debug traces deleted");
        return new Sweep(cutoff, deleted);
    }
}
