package io.lethe.engine.execution;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets through at most {@code perSecond} successful-run records per sequence and second, so a
 * busy sequence keeps a steady sample instead of flooding the database (the embedded one takes a
 * few thousand inserts a second); failures are never sampled out, and exact counts are kept by
 * {@link ExecutionStats}.
 */
final class RecordSampler {

    private final int perSecond;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RecordSampler(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean allow(String sequence, long epochSecond) {
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
