package io.lethe.debugger.trace;

import io.lethe.engine.execution.ExecutionListener.BlockFinished;
import io.lethe.engine.execution.ExecutionListener.Finished;
import io.lethe.engine.execution.ExecutionListener.Started;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw events of one traced run, held in memory only until the run ends and is redacted.
 * Touched by the run's own thread only (listener callbacks run on it, and a called sequence runs
 * on its caller's thread).
 */
final class TraceCapture {

    /** A block as it ended, with the trace of the sequence it called, if it was a call-sequence. */
    record Captured(BlockFinished event, TraceCapture call) {
    }

    final Started started;
    final TraceCapture parent;
    final boolean reveal;
    final String openedBy;
    final String replayOf;
    final List<Captured> blocks = new ArrayList<>();
    int omittedBlocks;
    Finished finished;
    private TraceCapture pendingCall;
    private final int maxBlocks;

    TraceCapture(Started started, TraceCapture parent, boolean reveal, String openedBy, String replayOf, int maxBlocks) {
        this.started = started;
        this.parent = parent;
        this.reveal = reveal;
        this.openedBy = openedBy;
        this.replayOf = replayOf;
        this.maxBlocks = maxBlocks;
    }

    /** A called sequence ended: its trace belongs to the call-sequence block about to end here. */
    void called(TraceCapture child) {
        pendingCall = child;
    }

    /**
     * Adds a block in the order blocks <em>started</em>: a block that ran a sub-path (for-each)
     * ends after its inner blocks, so it is placed before the deeper-framed blocks just captured.
     */
    void add(BlockFinished event) {
        TraceCapture call = "call-sequence".equals(event.type()) ? pendingCall : null;
        pendingCall = null;
        if (blocks.size() >= maxBlocks) {
            omittedBlocks++;
            return;
        }
        String frame = event.frame() == null ? "" : event.frame();
        int at = blocks.size();
        while (at > 0) {
            String before = blocks.get(at - 1).event().frame();
            if (before == null || before.length() <= frame.length() || !before.startsWith(frame)) {
                break;
            }
            at--;
        }
        blocks.add(at, new Captured(event, call));
    }
}
