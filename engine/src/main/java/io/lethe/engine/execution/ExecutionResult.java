package io.lethe.engine.execution;

import io.lethe.engine.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * The end of a run.
 *
 * @param output   the last block's output on the path taken
 * @param response set when a {@code respond} block ran
 * @param path     {@code blockId:outcome} for every block run, in order
 */
public record ExecutionResult(
        String executionId,
        ExecutionStatus status,
        Object output,
        String error,
        Optional<HttpReply> response,
        List<String> path) {

    /** The output as plain values (a script's JSON result is parsed here, if nobody needed it before). */
    @Override
    public Object output() {
        return Json.plain(output);
    }

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }
}
