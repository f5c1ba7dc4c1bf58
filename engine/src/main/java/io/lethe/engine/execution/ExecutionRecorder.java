package io.lethe.engine.execution;

import io.lethe.engine.store.BatchWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps what a run leaves behind without making it wait on the database. Every run is counted
 * exactly in {@link ExecutionStats}; failed runs are always recorded, and successful ones up to a
 * per-sequence rate ({@link RecordSampler}: 10 a second, spread over the second), beyond which they
 * are counted but not recorded one by one. Records are written in batches by a {@link BatchWriter},
 * a busy sequence's once a second: when it falls behind, records are dropped and counted rather than
 * slowing runs down. (At 50 a second, each written as it came, the embedded database's inserts and
 * commits lengthened the tail latency of every run going on: bench/NOTES.md.)
 */
public final class ExecutionRecorder implements AutoCloseable {

    public static final int DEFAULT_SAMPLE_PER_SECOND = 10;
    static final int BATCH = 500;
    private static final Duration STATS_EVERY = Duration.ofSeconds(5);
    /** Records of a busy sequence go to the database once a second, together (see {@link BatchWriter}). */
    static final Duration WRITE_SPACING = Duration.ofSeconds(1);

    private final ExecutionStats stats;
    private final RecordSampler sampler;
    private final AtomicLong sampledOut = new AtomicLong();
    private final BatchWriter<ExecutionRecord> writer;

    public ExecutionRecorder(ExecutionStore store, ExecutionStats stats, int capacity, int samplePerSecond) {
        this.stats = stats;
        this.sampler = new RecordSampler(samplePerSecond);
        this.writer = new BatchWriter<>("execution records", store::insertAll, capacity, BATCH, r -> 0, Long.MAX_VALUE,
                stats::flush, STATS_EVERY, WRITE_SPACING);
    }

    /** Counts the run; records it when it failed or the sequence's sample rate allows. */
    public void finished(ExecutionRecord record, boolean keepRecord) {
        stats.count(record.sequence(), record.startedAt(), record.durationMs(), record.status() == ExecutionStatus.FAILED);
        if (!keepRecord) {
            return;
        }
        if (record.status() == ExecutionStatus.FAILED || sampler.allow(record.sequence(), record.startedAt())) {
            writer.offer(record);
        } else {
            sampledOut.incrementAndGet();
        }
    }

    /** Successful runs counted but not recorded one by one because of sampling. */
    public long sampledOut() {
        return sampledOut.get();
    }

    public ExecutionStats stats() {
        return stats;
    }

    public long dropped() {
        return writer.dropped();
    }

    public long written() {
        return writer.written();
    }

    /** Writes the records queued so far without waiting for the writer's turn (a read right after a run). */
    public void writeQueued(Duration timeout) {
        writer.writeQueued(timeout);
    }

    /** Waits until queued records and the counts are written (tests, shutdown). */
    public void flush(Duration timeout) {
        writer.flush(timeout);
    }

    @Override
    public void close() {
        writer.close();
    }
}
