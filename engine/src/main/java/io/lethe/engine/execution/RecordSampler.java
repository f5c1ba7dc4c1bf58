package io.lethe.engine.execution;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets through at most {@code perSecond} items per sequence and second, so a busy sequence keeps a
 * steady sample instead of flooding the database (the embedded one takes a few thousand inserts a
 * second). Used for successful-run records (failures are never sampled out; exact counts are kept
 * by {@link ExecutionStats}) and for debug traces.
 */
public final class RecordSampler {

    private final int perSecond;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RecordSampler(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Whether one more item of {@code sequence} fits in the second {@code epochSecond}. */
    public boolean allow(String sequence, long epochSecond) {
        return windows.computeIfAbsent(sequence, s -> new Window()).allow(epochSecond, perSecond);
    }

    private static final class Window {
        private long second;
        private int count;

        synchronized boolean allow(long now, int limit) {
            if (now != second) {
                second = now;
                count = 0;
            }
            return ++count <= limit;
        }
    }
}
