package io.lethe.engine.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes execution records in the background, in batches, so a run never waits on the database.
 * Every run is counted exactly in {@link ExecutionStats}; failed runs are always recorded, and
 * successful ones up to a per-sequence rate ({@link RecordSampler}, default 50 a second), beyond
 * which they are counted but not recorded one by one. Memory is bounded: when the writer falls
 * behind and the queue is full, records are dropped and counted ({@link #dropped()}) rather than
 * slowing runs down. {@link #close()} writes what is queued.
 */
public final class ExecutionRecorder implements AutoCloseable {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ExecutionRecorder.class);

    public static final int DEFAULT_SAMPLE_PER_SECOND = 50;

    private final ExecutionStore store;
    private final ExecutionStats stats;
    private final RecordSampler sampler;
    private final AtomicLong sampledOut = new AtomicLong();
    private long lastStatsFlush = System.nanoTime();
    private final BlockingQueue<ExecutionRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public ExecutionRecorder(ExecutionStore store, ExecutionStats stats, int capacity, int samplePerSecond) {
        this.store = store;
        this.stats = stats;
        this.sampler = new RecordSampler(samplePerSecond);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("lethe-execution-writer").start(this::drainLoop);
    }

    /** Counts the run; records it when it failed or the sequence's sample rate allows. */
    public void finished(ExecutionRecord record, boolean keepRecord) {
        stats.count(record.sequence(), record.startedAt(), record.durationMs(), record.status() == ExecutionStatus.FAILED);
        if (!keepRecord) {
            return;
        }
        if (record.status() == ExecutionStatus.FAILED || sampler.allow(record.sequence(), record.startedAt().getEpochSecond())) {
            record(record);
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

    void record(ExecutionRecord record) {
        if (queue.offer(record)) {
            accepted.incrementAndGet();
        } else {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                log.atWarn().addKeyValue("dropped", n).log("execution records dropped: the writer falls behind");
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    /** Blocks until everything queued so far is written or has failed, and the counts are written (tests, shutdown). */
    public void flush(Duration timeout) {
        long target = accepted.get();
        flushStatsSoon = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((written.get() + failed.get() < target || flushStatsSoon) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drainLoop() {
        List<ExecutionRecord> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                ExecutionRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                flushStatsIfDue();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store.insertAll(batch);
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                dropped.addAndGet(batch.size());
                log.atError().setCause(e).addKeyValue("records", batch.size()).log("cannot write execution records");
            } finally {
                batch.clear();
            }
        }
    }

    private volatile boolean flushStatsSoon;

    private void flushStatsIfDue() {
        if (flushStatsSoon || System.nanoTime() - lastStatsFlush > STATS_EVERY.toNanos()) {
            lastStatsFlush = System.nanoTime();
            try {
                stats.flush();
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("cannot write execution statistics");
            }
            flushStatsSoon = false;
        }
    }

    private static final Duration STATS_EVERY = Duration.ofSeconds(5);

    @Override
    public void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stats.flush();
    }
}
