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
 * Memory is bounded: when the writer falls behind and the queue is full, records are dropped and
 * counted ({@link #dropped()}) rather than slowing runs down. {@link #close()} writes what is queued.
 */
public final class ExecutionRecorder implements AutoCloseable {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ExecutionRecorder.class);

    private final ExecutionStore store;
    private final BlockingQueue<ExecutionRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public ExecutionRecorder(ExecutionStore store, int capacity) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("lethe-execution-writer").start(this::drainLoop);
    }

    public void record(ExecutionRecord record) {
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

    /** Blocks until everything queued so far is written or has failed (tests, shutdown). */
    public void flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() + failed.get() < target && System.nanoTime() < deadline) {
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

    @Override
    public void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
