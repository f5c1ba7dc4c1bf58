package io.lethe.engine.log;

import io.lethe.engine.job.Hourly;
import io.lethe.engine.job.JobRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes this process's log segments of hours that ended longer ago than the retention age (default
 * 30 days): whole segments, through the {@link LogPurger} (so never while it rewrites one), hourly from
 * one minute after {@link #start}. Each sweep is recorded in {@link JobRuns} as {@value #JOB}. Every
 * process has its own log directory, so each sweeps its own (unlike the database jobs, one per hour).
 */
public final class LogRetention implements AutoCloseable {

    public static final String JOB = "log-retention";
    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);

    private final LogPurger purger;
    private final JobRuns jobRuns;
    private final Clock clock;
    private final Supplier<Duration> retention;
    private Hourly timer;

    /** @param retention the retention in force, read at every sweep */
    public LogRetention(LogPurger purger, JobRuns jobRuns, Clock clock, Supplier<Duration> retention) {
        this.purger = purger;
        this.jobRuns = jobRuns;
        this.clock = clock;
        this.retention = retention;
    }

    public void start() {
        timer = Hourly.start("log-retention", this::sweep, log);
    }

    /** Deletes the segments of hours wholly before now minus the retention; returns what went. */
    public LogPurgeResult sweep() {
        Instant started = clock.instant();
        Instant cutoff = started.minus(retention.get()).truncatedTo(ChronoUnit.HOURS); // whole hours: segments go whole, none is rewritten
        LogPurgeResult result = purger.run(new LogPurgeRequest(LogRange.between(Instant.EPOCH, cutoff), LogFilter.NONE));
        jobRuns.record(new JobRuns.JobRun(JOB, started, clock.instant(),
                Map.of("segmentsDeleted", result.segmentsDeleted(), "linesRemoved", result.linesRemoved())));
        return result;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
