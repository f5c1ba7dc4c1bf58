package io.lethe.debugger.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes traces in the background, in batches, so a run never waits on the database. Memory is
 * bounded twice: by the number of waiting traces and by their total size. When either is reached
 * the new trace is dropped and counted ({@link #dropped()}): a slow writer never slows runs down.
 */
public final class TraceWriter implements AutoCloseable {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(TraceWriter.class);

    private record Queued(Document document, long chars) {
    }

    private final Consumer<List<Document>> sink;
    private final BlockingQueue<Queued> queue;
    private final long budgetChars;
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public TraceWriter(Consumer<List<Document>> sink, int capacity, long budgetChars) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.budgetChars = budgetChars;
        this.writer = Thread.ofPlatform().daemon().name("lethe-trace-writer").start(this::drainLoop);
    }

    /** Queues a trace; returns false (and counts a drop) when the writer is too far behind. */
    public boolean offer(Document trace, long chars) {
        if (queuedChars.addAndGet(chars) > budgetChars || !queue.offer(new Queued(trace, chars))) {
            queuedChars.addAndGet(-chars);
            drop();
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** Counts a trace given up on before it reached the queue. */
    void drop() {
        long n = dropped.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            log.atWarn().addKeyValue("dropped", n).log("debug traces dropped: the trace writer falls behind");
        }
    }

    /** Traces not stored because the writer fell behind or the database refused them. */
    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    /** Waits until everything queued so far is written or has failed (tests, shutdown, replay). */
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
        List<Queued> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                sink.accept(batch.stream().map(Queued::document).toList());
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                dropped.addAndGet(batch.size());
                log.atError().addKeyValue("traces", batch.size()).addKeyValue("error", e.getClass().getSimpleName())
                        .log("cannot write debug traces");
            } finally {
                batch.forEach(q -> queuedChars.addAndGet(-q.chars()));
                batch.clear();
            }
        }
    }

    /** Writes what is queued (up to 10 s), then stops. */
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
