package io.lethe.engine.script;

import java.time.Duration;

/**
 * Limits for script blocks.
 *
 * @param threads         platform threads running scripts at once (GraalJS is not for virtual threads)
 * @param defaultTimeout  wall-clock limit of one run unless the block sets its own
 * @param maxTimeout      the largest limit a block may set
 * @param statementLimit  JavaScript statements one run may execute
 * @param memoryLimit     bytes one run may allocate (garbage included), checked every few milliseconds
 */
public record ScriptSettings(int threads, Duration defaultTimeout, Duration maxTimeout, long statementLimit, long memoryLimit) {

    private static final long MB = 1024 * 1024;

    public ScriptSettings(int threads, Duration defaultTimeout, Duration maxTimeout, long statementLimit) {
        this(threads, defaultTimeout, maxTimeout, statementLimit, memoryLimit(Runtime.getRuntime().maxMemory(), threads));
    }

    public static ScriptSettings defaults() {
        return new ScriptSettings(Math.max(2, Runtime.getRuntime().availableProcessors() * 2),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 50_000_000L);
    }

    /**
     * Half the heap shared by the runs that can go on at once (one per thread), at least 64 MB: all of them
     * at their limit together still leave the other half to everything else.
     */
    static long memoryLimit(long maxHeapBytes, int threads) {
        return Math.max(64 * MB, maxHeapBytes / 2 / Math.max(1, threads) / MB * MB);
    }

    /** The memory limit in whole megabytes, as scripts' authors are told. */
    public long memoryLimitMegabytes() {
        return memoryLimit / MB;
    }
}
