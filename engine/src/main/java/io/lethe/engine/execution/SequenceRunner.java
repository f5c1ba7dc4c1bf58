package io.lethe.engine.execution;

import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.instance.Ids;
import io.lethe.engine.redact.RedactionRules;
import io.lethe.engine.sequence.CompiledSequence;
import io.lethe.engine.sequence.RecordMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sequences: any number at once, each on its caller's (virtual) thread. Every run tells the
 * listeners what happens and, per the sequence's record mode, leaves an execution record written
 * in the background.
 */
public final class SequenceRunner {

    private static final Logger log = LoggerFactory.getLogger(SequenceRunner.class);

    static final int MAX_CALL_DEPTH = 8;

    private final Function<String, Optional<CompiledSequence>> sequences;
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutionRecorder recorder;
    private final RedactionRules redaction;
    private final Clock clock;

    /** @param redaction what a failed run's error must not hold in clear (it is recorded and answered) */
    public SequenceRunner(Function<String, Optional<CompiledSequence>> sequences, ExecutionRecorder recorder,
            RedactionRules redaction, Clock clock) {
        this.sequences = sequences;
        this.recorder = recorder;
        this.redaction = redaction;
        this.clock = clock;
    }

    public void addListener(ExecutionListener listener) {
        listeners.add(listener);
    }

    /** Runs the current version of the named sequence with {@code input}. */
    public ExecutionResult run(String sequence, TriggerInfo trigger, Object input) {
        return run(sequence, trigger, input, Responder.NONE);
    }

    /** Runs the current version, handing its HTTP answer to {@code responder} as soon as a respond block runs. */
    public ExecutionResult run(String sequence, TriggerInfo trigger, Object input, Responder responder) {
        return run(compiled(sequence), trigger, input, null, 0, responder, null);
    }

    /** Runs a given compiled form (e.g. an older version, for a replay). */
    public ExecutionResult run(CompiledSequence sequence, TriggerInfo trigger, Object input) {
        return run(sequence, trigger, input, null, 0, Responder.NONE, null);
    }

    /**
     * Records, without running it, a run that was refused (e.g. too deep a cascade of instance events):
     * a failed record with no path, kept unless the sequence records nothing.
     */
    public void refuse(String sequence, TriggerInfo trigger, String reason) {
        CompiledSequence compiled = compiled(sequence);
        Instant now = clock.instant();
        boolean keep = compiled.definition().settings().record() != RecordMode.NONE;
        recorder.finished(new ExecutionRecord(Ids.next(), null, compiled.name(), compiled.version(), trigger.type(),
                trigger.detail(), ExecutionStatus.FAILED, now, now, 0, reason, List.of()), keep);
    }

    CompiledSequence compiled(String name) {
        return sequences.apply(name).orElseThrow(() -> new NotFoundException("no sequence '" + name + "'"));
    }

    ExecutionResult run(CompiledSequence sequence, TriggerInfo trigger, Object input, String parentId, int depth,
            Responder responder, Instant notAfter) {
        String id = Ids.next();
        Instant started = clock.instant();
        var start = new ExecutionListener.Started(id, parentId, sequence.name(), sequence.version(), trigger, input, started);
        listeners.forEach(l -> l.executionStarted(start));
        // Not copied: blocks never change the input (scripts get JSON copies, templates only read).
        Run run = new Run(this, sequence, id, input, started, depth, responder, notAfter);
        ExecutionResult result;
        try {
            result = run.execute();
        } catch (RuntimeException e) { // Lethe's own fault, not the sequence's: the run still ends, recorded
            log.atError().setCause(e).addKeyValue("executionId", id).addKeyValue("sequence", sequence.name())
                    .log("a run failed inside Lethe");
            result = new ExecutionResult(id, ExecutionStatus.FAILED, null,
                    "Lethe failed inside this run (" + e.getClass().getSimpleName()
                            + "; the server log has it under executionId " + id + ")",
                    Optional.empty(), run.pathSoFar());
        }
        Instant ended = run.lastReading();
        Duration duration = Duration.between(started, ended);
        var finish = new ExecutionListener.Finished(id, parentId, sequence.name(), sequence.version(), trigger, result, started, duration);
        listeners.forEach(l -> l.executionFinished(finish));
        RecordMode mode = sequence.definition().settings().record();
        boolean keep = mode == RecordMode.SUMMARY || (mode == RecordMode.FAILURES && !result.succeeded());
        recorder.finished(new ExecutionRecord(id, parentId, sequence.name(), sequence.version(), trigger.type(),
                trigger.detail(), result.status(), started, ended, duration.toMillis(), result.error(), result.path()), keep);
        return result;
    }

    List<ExecutionListener> listeners() {
        return listeners;
    }

    Clock clock() {
        return clock;
    }

    RedactionRules redaction() {
        return redaction;
    }
}
