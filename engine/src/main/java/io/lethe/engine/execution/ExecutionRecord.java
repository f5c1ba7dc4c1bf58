package io.lethe.engine.execution;

import java.time.Instant;
import java.util.List;

/**
 * What is kept of a run: never its inputs or outputs (data minimisation), only what it was, how
 * it ended and which blocks it went through. {@code error} is the failing block's message.
 */
public record ExecutionRecord(
        String id,
        String parentId,
        String sequence,
        int version,
        String trigger,
        String triggerDetail,
        ExecutionStatus status,
        Instant startedAt,
        Instant endedAt,
        long durationMs,
        String error,
        List<String> path) {
}
