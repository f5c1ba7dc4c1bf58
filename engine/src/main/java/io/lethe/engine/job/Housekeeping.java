package io.lethe.engine.job;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.lethe.engine.execution.ExecutionStats;
import io.lethe.engine.execution.ExecutionStore;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.store.CompactionResult;
import io.lethe.engine.store.Database;
import io.lethe.engine.trigger.ScheduleTriggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly background work, run by one process per hour (a lease in {@code leases}): garbage-collects
 * instances deactivated longer than their retention, deletes instances unchanged for longer than their
 * model's retention ({@link io.lethe.engine.model.Model#retentionDays()}), deletes execution records and per-minute run
 * counts older than theirs (both 30 days by default, as an admin sets them: {@link RetentionPolicy}) and the records of
 * background job runs as old, and sweeps old leases.
 * Each run is recorded in {@link JobRuns} with its counts.
 *
 * <p>Deleting or updating leaves the old bytes in the database file's free pages (the embedded
 * store appends) until a compaction rewrites it: what was deleted through the API, a block or this
 * job, or overwritten by an update. Purges compact when they end; so that everything else is gone
 * from the file within a day too, a run compacts when no run did in the last {@link #COMPACT_EVERY}
 * (job {@value #COMPACTION_JOB}, with the bytes before and after).
 */
public final class Housekeeping implements AutoCloseable {

    public static final String JOB = "deactivated-instance-gc";
    public static final String COMPACTION_JOB = "compaction";
    static final Duration COMPACT_EVERY = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Instances instances;
    private final ExecutionStore executions;
    private final ExecutionStats stats;
    private final ScheduleTriggers schedules;
    private final JobRuns runs;
    private final Database database;
    private final MongoCollection<Document> leases;
    private final Clock clock;
    private final RetentionPolicy retention;
    private Hourly timer;
    private volatile BooleanSupplier compactionDeferred = () -> false;

    public Housekeeping(Database database, Instances instances, ExecutionStore executions, ExecutionStats stats,
            ScheduleTriggers schedules, JobRuns runs, Clock clock, RetentionPolicy retention) {
        this.instances = instances;
        this.executions = executions;
        this.stats = stats;
        this.schedules = schedules;
        this.runs = runs;
        this.database = database;
        this.leases = database.collection(ScheduleTriggers.LEASES);
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * The daily compaction waits for a later hour while {@code busy} holds: it closes the cursors open at
     * that moment, which a running purge needs.
     */
    public void deferCompactionWhile(BooleanSupplier busy) {
        this.compactionDeferred = busy;
    }

    public void start() {
        timer = Hourly.start("housekeeping", this::runIfDue, log);
    }

    /** Runs unless another process already did this hour; returns whether it ran. */
    public boolean runIfDue() {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        try {
            leases.insertOne(new Document("_id", "housekeeping@" + hour).append("at", Date.from(hour)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        Instant started = clock.instant();
        Retention retention = this.retention.current();
        long removed = instances.collectGarbage(retention.deactivated());
        long expired = instances.deleteExpired();
        Instant executionCutoff = started.minus(retention.executions());
        long executionsRemoved = executions.deleteStartedBefore(executionCutoff);
        long minutesRemoved = stats.deleteBefore(executionCutoff);
        long leasesSwept = schedules.sweep();
        long jobRunsRemoved = runs.deleteStartedBefore(executionCutoff);
        runs.record(new JobRuns.JobRun(JOB, started, clock.instant(), Map.of("removed", removed, "expired", expired,
                "executionsRemoved", executionsRemoved, "runCountMinutesRemoved", minutesRemoved, "leasesSwept", leasesSwept,
                "jobRunsRemoved", jobRunsRemoved)));
        compactIfDue();
        return true;
    }

    private void compactIfDue() {
        Instant started = clock.instant();
        boolean recent = runs.latest(COMPACTION_JOB, 1).stream()
                .anyMatch(last -> last.startedAt().isAfter(started.minus(COMPACT_EVERY)));
        if (recent || compactionDeferred.getAsBoolean()) {
            return;
        }
        CompactionResult result = database.compact();
        runs.record(new JobRuns.JobRun(COMPACTION_JOB, started, clock.instant(),
                Map.of("bytesBefore", result.bytesBefore(), "bytesAfter", result.bytesAfter())));
        log.atInfo().addKeyValue("bytesReclaimed", result.bytesReclaimed())
                .log("database compacted: deleted data gone from its free pages");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
