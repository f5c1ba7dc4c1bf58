package io.lethe.engine.script;

import java.time.Duration;

/**
 * Limits for script blocks.
 *
 * @param threads         platform threads running scripts at once (GraalJS is not for virtual threads)
 * @param defaultTimeout  wall-clock limit of one run unless the block sets its own
 * @param maxTimeout      the largest limit a block may set
 * @param statementLimit  JavaScript statements one run may execute
 */
public record ScriptSettings(int threads, Duration defaultTimeout, Duration maxTimeout, long statementLimit) {

    public static ScriptSettings defaults() {
        return new ScriptSettings(Math.max(2, Runtime.getRuntime().availableProcessors() * 2),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 50_000_000L);
    }
}
