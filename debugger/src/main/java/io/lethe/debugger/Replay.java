package io.lethe.debugger;

import io.lethe.debugger.trace.TraceRecorder;
import io.lethe.debugger.trace.TraceStore;
import io.lethe.debugger.trace.TraceWriter;
import io.lethe.debugger.window.DebugAudit;
import io.lethe.debugger.window.DebugWindow;
import io.lethe.debugger.window.DebugWindows;
import io.lethe.engine.Engine;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Re-runs a traced run's original input against the current version of its sequence, traced (as
 * a replay of the original) whether or not a debug window is on. Only possible when the input was
 * stored complete: not redacted at capture (an unredacted window, or nothing in it to redact) and
 * not truncated; otherwise {@link #refusal} says why.
 */
public final class Replay {

    /** The replay run: the new trace has id {@code executionId}. */
    public record Result(String replayOf, String executionId, String status, String error) {
    }

    private final Engine engine;
    private final TraceStore store;
    private final TraceRecorder recorder;
    private final TraceWriter writer;
    private final DebugWindows windows;
    private final DebugAudit audit;

    public Replay(Engine engine, TraceStore store, TraceRecorder recorder, TraceWriter writer, DebugWindows windows,
            DebugAudit audit) {
        this.engine = engine;
        this.store = store;
        this.recorder = recorder;
        this.writer = writer;
        this.windows = windows;
        this.audit = audit;
    }

    /** Why the trace cannot be replayed, or empty when it can. */
    public static Optional<String> refusal(Document trace) {
        int redacted = trace.get("inputRedactions", 0);
        if (redacted > 0) {
            return Optional.of("the input of this run was redacted at capture (" + redacted + " value"
                    + (redacted == 1 ? "" : "s") + "), so it cannot be re-run: open an unredacted debug window"
                    + " (needs the reveal permission), run the sequence again and replay that trace");
        }
        if (trace.getBoolean("inputTruncated", false)) {
            return Optional.of("the input of this run was larger than the trace value limit and was truncated, so it cannot be re-run");
        }
        return Optional.empty();
    }

    /**
     * @throws NotFoundException when the trace or its sequence is gone
     * @throws ConflictException when the input was not kept complete (the message says why)
     */
    public Result replay(String executionId, String user) {
        return replay(executionId, null, user);
    }

    /**
     * @param version the saved version to run, or null for the current one
     * @throws NotFoundException when the trace, its sequence or that version is gone
     * @throws ConflictException when the input was not kept complete (the message says why)
     */
    public Result replay(String executionId, Integer version, String user) {
        Document trace = store.find(executionId).orElseThrow(() -> new NotFoundException("no trace '" + executionId + "'"));
        String sequence = trace.getString("sequence");
        refusal(trace).ifPresent(reason -> {
            throw new ConflictException(reason, Map.of("reason", "input-not-kept"));
        });
        if (!engine.sequences().exists(sequence)) {
            throw new NotFoundException("sequence '" + sequence + "' no longer exists");
        }
        Object input = ((Map<?, ?>) Json.read(trace.getString("body"))).get("input");
        DebugWindow window = windows.active(sequence);
        boolean reveal = window != null && window.reveal();
        ExecutionResult result = recorder.traced(executionId, reveal, user,
                () -> version == null ? engine.run(sequence, new TriggerInfo("replay", executionId), input)
                        : engine.runVersion(sequence, version, new TriggerInfo("replay", executionId), input));
        audit.record("replay", user, sequence, Map.of("replayOf", executionId, "executionId", result.executionId(),
                "reveal", reveal, "version", version == null ? "current" : version));
        writer.flush(Duration.ofSeconds(2));
        return new Result(executionId, result.executionId(), result.status().label(), result.succeeded() ? null : "the run failed");
    }
}
