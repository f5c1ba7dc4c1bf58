package io.lethe.debugger;

import java.time.Duration;

/**
 * How the debugger behaves; the composition root builds it from configuration. What traces
 * redact is the engine's {@link io.lethe.engine.redact.RedactionRules}, shared with log lines.
 *
 * @param defaultWindow     how long a debug window stays on when the designer gives no duration
 * @param maxWindow         the longest redacted window a designer may ask for
 * @param maxRevealWindow   the longest unredacted ("reveal") window (at most 15 minutes)
 * @param maxValueChars     a value (an input, an output) longer than this as JSON is truncated
 * @param maxTraceChars     once a trace holds this much, later blocks keep only their metadata
 * @param maxBlocks         blocks recorded per trace; later ones are counted, not kept
 * @param queueCapacity     traces waiting for the writer; beyond it new traces are dropped
 * @param queueBudgetChars  total size of waiting traces; beyond it new traces are dropped
 */
public record DebuggerSettings(
        Duration defaultWindow,
        Duration maxWindow,
        Duration maxRevealWindow,
        int maxValueChars,
        int maxTraceChars,
        int maxBlocks,
        int queueCapacity,
        long queueBudgetChars) {

    public static final Duration REVEAL_CEILING = Duration.ofMinutes(15);

    public DebuggerSettings {
        if (maxRevealWindow.compareTo(REVEAL_CEILING) > 0) {
            throw new IllegalArgumentException("unredacted debug windows last at most " + REVEAL_CEILING.toMinutes() + " minutes");
        }
        if (defaultWindow.compareTo(maxWindow) > 0) {
            throw new IllegalArgumentException("the default debug window is longer than the maximum");
        }
    }

    public static DebuggerSettings defaults() {
        return new DebuggerSettings(Duration.ofHours(1), Duration.ofHours(8), REVEAL_CEILING,
                8_192, 262_144, 1_000, 512, 32L * 1024 * 1024);
    }

    public DebuggerSettings withLimits(int valueChars, int traceChars, int blocks) {
        return new DebuggerSettings(defaultWindow, maxWindow, maxRevealWindow, valueChars,
                traceChars, blocks, queueCapacity, queueBudgetChars);
    }

    public DebuggerSettings withQueue(int capacity, long budgetChars) {
        return new DebuggerSettings(defaultWindow, maxWindow, maxRevealWindow, maxValueChars,
                maxTraceChars, maxBlocks, capacity, budgetChars);
    }
}
