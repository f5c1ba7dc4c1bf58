package io.lethe.engine.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes items in the background, in batches, so the producer (a run) never waits on the database.
 * Memory is bounded by a number of items and by a total weight (e.g. characters); past either the
 * new item is dropped and counted ({@link #dropped()}) instead of slowing the producer down.
 * An optional periodic task (e.g. flushing counters) runs on the same thread.
 *
 * <p>Writes are spaced: an item that arrives within {@code spacing} of the last write waits until
 * then and goes with everything that came meanwhile (a full batch, a flush or closing goes at once). A
 * steady trickle, such as a busy sequence's sampled execution records, so makes one database write a
 * second instead of one per item; the embedded store then commits once a second instead of ten times,
 * and each of its commits rewrites every page the writes touched (CPU taken from the runs in bursts:
 * bench/NOTES.md). An item after a quiet spell is written at once.
 *
 * @param <T> what is written
 */
public final class BatchWriter<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    private static final long POLL_MILLIS = 100;
    /** How often a writer waiting for its turn looks whether a full batch has come in meanwhile. */
    private static final long FULL_CHECK_NANOS = 50_000_000;

    private final String what;
    private final Consumer<List<T>> sink;
    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final ToLongFunction<T> weight;
    private final long budget;
    private final Runnable periodic;
    private final long periodNanos;
    private final long spacingNanos;
    private final AtomicLong queuedWeight = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile boolean periodicSoon;
    /** What a waiting flush needs written (items accepted before it): written without waiting for the turn. */
    private final AtomicLong flushTarget = new AtomicLong();
    private long lastPeriodic = System.nanoTime();
    private long lastWrite;

    /**
     * @param what     a plural noun for log lines, e.g. "execution records"
     * @param weight   how much an item counts against {@code budget}
     * @param periodic run every {@code period} (and on {@link #flush}) on the writer thread
     * @param spacing  the least time between two writes unless a batch is full ({@link Duration#ZERO}: none)
     */
    public BatchWriter(String what, Consumer<List<T>> sink, int capacity, int batchSize, ToLongFunction<T> weight, long budget,
            Runnable periodic, Duration period, Duration spacing) {
        this.what = what;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.weight = weight;
        this.budget = budget;
        this.periodic = periodic;
        this.periodNanos = period.toNanos();
        this.spacingNanos = spacing.toNanos();
        this.lastWrite = System.nanoTime() - spacingNanos;
        this.writer = Thread.ofPlatform().daemon().name("lethe-writer-" + what.replace(' ', '-')).start(this::drainLoop);
    }

    /** A writer bounded by item count only, without a periodic task, writing as soon as items come. */
    public static <T> BatchWriter<T> of(String what, Consumer<List<T>> sink, int capacity, int batchSize) {
        return new BatchWriter<>(what, sink, capacity, batchSize, item -> 0, Long.MAX_VALUE, () -> { }, Duration.ofDays(1),
                Duration.ZERO);
    }

    /** Queues an item; false (and a counted drop) when the writer is too far behind. */
    public boolean offer(T item) {
        long w = weight.applyAsLong(item);
        if (queuedWeight.addAndGet(w) > budget || !queue.offer(item)) {
            queuedWeight.addAndGet(-w);
            drop(1);
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** True when the queue is full (or nearly out of weight budget): new items would be dropped. */
    public boolean saturated() {
        return queue.remainingCapacity() == 0 || queuedWeight.get() >= budget - budget / 10;
    }

    /** Counts items given up on before they reached the queue. */
    public void drop(long n) {
        long total = dropped.addAndGet(n);
        if (Long.bitCount(total) == 1) {
            log.atWarn().addKeyValue("dropped", total).log(what + " dropped: the writer falls behind");
        }
    }

    /** Items not stored because the writer fell behind or the database refused them. */
    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    /** Waits until everything queued so far is written or has failed and the periodic task ran (tests, shutdown). */
    public void flush(Duration timeout) {
        periodicSoon = true;
        awaitWritten(timeout, true);
    }

    /**
     * Waits until everything queued so far is written or has failed, without waiting for the writer's
     * turn (a read that must see what was just queued: an execution looked up right after its run).
     * Returns at once when nothing is queued.
     */
    public void writeQueued(Duration timeout) {
        awaitWritten(timeout, false);
    }

    private void awaitWritten(Duration timeout, boolean periodicToo) {
        long target = accepted.get();
        flushTarget.accumulateAndGet(target, Math::max);
        LockSupport.unpark(writer);
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((written.get() + failed.get() < target || periodicToo && periodicSoon) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drainLoop() {
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                runPeriodicIfDue();
                if (first == null) {
                    continue;
                }
                awaitTurn();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                lastWrite = System.nanoTime();
                sink.accept(batch);
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                drop(batch.size());
                log.atError().addKeyValue("items", batch.size()).addKeyValue("error", e.getClass().getSimpleName())
                        .log("cannot write " + what);
            } finally {
                batch.forEach(item -> queuedWeight.addAndGet(-weight.applyAsLong(item)));
                batch.clear();
            }
        }
    }

    /** Waits until {@code spacing} after the last write, unless a batch fills up, a flush waits or the writer closes. */
    private void awaitTurn() {
        long due = lastWrite + spacingNanos;
        long left;
        while (running && written.get() + failed.get() >= flushTarget.get() && queue.size() + 1 < batchSize
                && (left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, Math.min(left, FULL_CHECK_NANOS));
        }
    }

    private void runPeriodicIfDue() {
        if (periodicSoon || System.nanoTime() - lastPeriodic > periodNanos) {
            lastPeriodic = System.nanoTime();
            try {
                periodic.run();
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("periodic task of the " + what + " writer failed");
            }
            periodicSoon = false;
        }
    }

    /** Writes what is queued (up to 10 s), runs the periodic task a last time, then stops. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        periodic.run();
    }
}
