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
    private final List<Node> roots = new ArrayList<>();
    private int count;
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
     * Adds a block. Blocks end in a different order than they start: a block that runs a sub-path
     * (for-each) ends after its inner blocks. Each new block therefore adopts the blocks just
     * captured at deeper frames as its children; {@link #blocks()} lists parents before children.
     */
    void add(BlockFinished event) {
        TraceCapture call = "call-sequence".equals(event.type()) ? pendingCall : null;
        pendingCall = null;
        if (count >= maxBlocks) {
            omittedBlocks++;
            return;
        }
        count++;
        String frame = event.frame() == null ? "" : event.frame();
        int from = roots.size();
        while (from > 0) {
            String before = roots.get(from - 1).captured().event().frame();
            if (before == null || before.length() <= frame.length() || !before.startsWith(frame)) {
                break;
            }
            from--;
        }
        List<Node> children = new ArrayList<>(roots.subList(from, roots.size()));
        roots.subList(from, roots.size()).clear();
        roots.add(new Node(new Captured(event, call), children));
    }

    /** The captured blocks in the order they started. */
    List<Captured> blocks() {
        List<Captured> out = new ArrayList<>(count);
        roots.forEach(node -> node.flatten(out));
        return out;
    }

    private record Node(Captured captured, List<Node> children) {
        void flatten(List<Captured> out) {
            out.add(captured);
            children.forEach(child -> child.flatten(out));
        }
    }
}
