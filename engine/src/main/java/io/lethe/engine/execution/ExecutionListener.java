package io.lethe.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Observes runs: the debugger (traces), metrics and tests plug in here; the engine knows none of
 * them. Callbacks run on the run's own thread, in order, and must be quick and never throw: a
 * listener that needs IO hands the event off (and may drop it) rather than slow the run.
 *
 * <p>Events carry the values the run saw, unredacted: listeners that store or show them must
 * redact first. Values may hold JSON text carried unparsed ({@link io.lethe.engine.json.RawJson}):
 * {@link io.lethe.engine.json.Json#plain} gives plain maps and lists.
 */
public interface ExecutionListener {

    default void executionStarted(Started event) {
    }

    default void blockFinished(BlockFinished event) {
    }

    default void executionFinished(Finished event) {
    }

    /**
     * A run began. {@code parentExecutionId} is set for runs started by {@code call-sequence}.
     */
    record Started(String executionId, String parentExecutionId, String sequence, int version,
            TriggerInfo trigger, Object input, Instant at) {
    }

    /**
     * A block ended.
     *
     * @param frame   where in the run: empty at top level, e.g. {@code each[2]/} inside the for-each block {@code each}
     * @param inputs  the values the block resolved from its config
     * @param outcome the outcome taken, or {@code error}
     * @param error   the failure message, or null
     */
    record BlockFinished(String executionId, String sequence, String blockId, String type, String frame,
            Map<String, Object> inputs, String outcome, Object output, String error, List<String> console,
            Instant startedAt, Duration duration) {
    }

    /** A run ended. */
    record Finished(String executionId, String parentExecutionId, String sequence, int version, TriggerInfo trigger,
            ExecutionResult result, Instant startedAt, Duration duration) {
    }
}
