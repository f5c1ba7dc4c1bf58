package io.lethe.engine.execution;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets through items of each sequence at a steady rate of {@code perSecond} a second, spread
 * evenly over the second, so a busy sequence keeps a steady sample instead of flooding the
 * database (the embedded one takes a few thousand inserts a second). After a quiet spell up to a
 * second's worth pass at once, so a cascade of quick runs at low traffic is recorded whole. Used for
 * successful-run records (failures are never sampled out; exact counts are kept by
 * {@link ExecutionStats}) and for debug traces.
 *
 * <p>Spread, not the first {@code perSecond} of each second: at high rates those all start within a
 * millisecond, a sample of one moment. A refused item costs a map lookup and a volatile read, no
 * lock: the sampler is asked on every run.
 */
public final class RecordSampler {

    private final long interval;
    private final long tolerance;
    private final ConcurrentHashMap<String, AtomicLong> schedules = new ConcurrentHashMap<>();

    public RecordSampler(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.interval = 1_000_000_000L / perSecond;
        this.tolerance = interval * (perSecond - 1);
    }

    /**
     * Whether one more item of {@code sequence} fits at {@code at}. The schedule is when the next
     * item is due at the steady rate (never earlier than now); an item passes when that is less than
     * a second ahead of now, and moves it on by one interval.
     */
    public boolean allow(String sequence, Instant at) {
        long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        AtomicLong due = schedules.computeIfAbsent(sequence, s -> new AtomicLong(Long.MIN_VALUE));
        while (true) {
            long scheduled = due.get();
            long from = Math.max(scheduled, now);
            if (from - now > tolerance) {
                return false;
            }
            if (due.compareAndSet(scheduled, from + interval)) {
                return true;
            }
        }
    }
}
