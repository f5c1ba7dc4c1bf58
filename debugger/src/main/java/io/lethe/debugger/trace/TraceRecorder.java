package io.lethe.debugger.trace;

import io.lethe.debugger.DebuggerSettings;
import io.lethe.engine.redact.RedactionRules;
import io.lethe.debugger.window.DebugWindow;
import io.lethe.debugger.window.DebugWindows;
import io.lethe.engine.execution.ExecutionListener;
import io.lethe.engine.execution.RecordSampler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debugger's {@link ExecutionListener}: while a debug window is on for a sequence, every run of
 * it is captured block by block; when the run ends the capture is redacted, cut to size and handed
 * to the {@link TraceWriter}. Runs of sequences a traced run calls are nested in its trace.
 *
 * <p>With no window on, each event costs one map lookup. Nothing here ever throws into a run or
 * blocks it: failures are counted and the trace is dropped. Values are never logged.
 */
public final class TraceRecorder implements ExecutionListener {

    /** Captures in flight beyond which new runs are not traced (guards against runs that never end). */
    static final int MAX_IN_FLIGHT = 10_000;
    /**
     * Traces captured per sequence and second: a designer reads a handful, and capturing every run of
     * a sequence serving tens of thousands of requests a second would cost the runs more than the
     * database could take anyway. Runs beyond it are counted as dropped.
     */
    static final int TRACES_PER_SECOND = 100;
    private static final Logger log = LoggerFactory.getLogger(TraceRecorder.class);

    /** A run the caller wants traced whatever the windows say (replay). */
    private record Forced(String replayOf, boolean reveal, String by) {
    }

    private final DebugWindows windows;
    private final TraceAssembler assembler;
    private final TraceWriter writer;
    private final DebuggerSettings settings;
    private final Map<String, TraceCapture> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Forced> forced = new ThreadLocal<>();
    private final AtomicLong failures = new AtomicLong();
    private final RecordSampler rate = new RecordSampler(TRACES_PER_SECOND);

    public TraceRecorder(DebugWindows windows, RedactionRules rules, TraceWriter writer, DebuggerSettings settings) {
        this.windows = windows;
        this.assembler = new TraceAssembler(rules, settings);
        this.writer = writer;
        this.settings = settings;
    }

    /**
     * Runs {@code run} (which must start exactly one run on this thread) traced as a replay of
     * {@code replayOf}, redacted unless {@code reveal}.
     */
    public <T> T traced(String replayOf, boolean reveal, String by, Supplier<T> run) {
        forced.set(new Forced(replayOf, reveal, by));
        try {
            return run.get();
        } finally {
            forced.remove();
        }
    }

    @Override
    public void executionStarted(Started event) {
        try {
            TraceCapture parent = event.parentExecutionId() == null || inFlight.isEmpty() ? null : inFlight.get(event.parentExecutionId());
            DebugWindow window = windows.active(event.sequence());
            Forced force = parent == null ? forced.get() : null;
            if (parent == null && window == null && force == null) {
                return;
            }
            if (force != null) {
                forced.remove();
            }
            boolean topLevel = parent == null && force == null;
            if (inFlight.size() >= MAX_IN_FLIGHT
                    || (topLevel && (writer.saturated() || !rate.allow(event.sequence(), event.at())))) {
                writer.drop(); // not captured at all: the cheapest way to lose a trace
                return;
            }
            boolean windowReveal = window == null || window.reveal();
            boolean reveal = parent != null ? parent.reveal && windowReveal
                    : force != null ? force.reveal() : window.reveal();
            String openedBy = force != null ? force.by() : window != null ? window.openedBy() : parent.openedBy;
            inFlight.put(event.executionId(), new TraceCapture(event, parent, reveal, openedBy,
                    force == null ? null : force.replayOf(), settings.maxBlocks()));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void blockFinished(BlockFinished event) {
        TraceCapture capture = inFlight.isEmpty() ? null : inFlight.get(event.executionId());
        if (capture != null) {
            try {
                capture.add(event);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    @Override
    public void executionFinished(Finished event) {
        TraceCapture capture = inFlight.isEmpty() ? null : inFlight.remove(event.executionId());
        if (capture == null) {
            return;
        }
        try {
            capture.finished = event;
            if (capture.parent != null && inFlight.containsKey(capture.parent.started.executionId())) {
                capture.parent.called(capture);
                return;
            }
            TraceAssembler.Assembled trace = assembler.assemble(capture);
            writer.offer(trace.document(), trace.chars());
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Traces lost to a failure while capturing or redacting (not counting writer drops). */
    public long failures() {
        return failures.get();
    }

    /** Traces dropped because the writer fell behind. */
    public long dropped() {
        return writer.dropped();
    }

    private void failed(RuntimeException e) {
        failures.incrementAndGet();
        // the message and cause may quote traced values: log only where it happened
        StackTraceElement[] where = e.getStackTrace();
        log.atError().addKeyValue("error", e.getClass().getName())
                .addKeyValue("at", where.length == 0 ? "?" : where[0].toString()).log("debug trace lost");
    }
}
