package io.lethe.engine.sequence;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a running block can see and do. */
public interface BlockRun {

    /**
     * Resolves {@code template} against the run's scope and records the value as the block's input
     * {@code name}; the value is plain (maps, lists, scalars).
     */
    Object input(String name, Template template);

    /**
     * As {@link #input}, but JSON text carried through the run (a script's result) stays unparsed
     * ({@link io.lethe.engine.json.RawJson}); for blocks that only pass a value on (a response body).
     */
    Object rawInput(String name, Template template);

    /** {@code input} (the trigger input), {@code steps} (earlier blocks' outputs), {@code item}/{@code index} in loops. */
    Map<String, Object> scope();

    String executionId();

    String sequenceName();

    /** Time left before the sequence's timeout. */
    Duration remaining();

    /** Lines a script printed, kept with the block's trace. */
    void console(List<String> lines);

    /**
     * Answers the HTTP request of an HTTP-triggered run at once (the run goes on); only the first
     * answer counts: false when the run had answered already.
     */
    boolean respond(int status, Map<String, String> headers, Object body);

    /**
     * Runs the blocks from {@code blockId} with extra scope entries (loops: {@code item}, {@code index});
     * returns the last output. Their path entries are framed by the calling block and the index: {@code each[2]/}.
     */
    Outcome runPath(String blockId, Map<String, Object> extraScope);

    /** Runs another sequence to its end with {@code input}; returns its response body, else its last output. */
    Outcome callSequence(String name, Object input);

    /**
     * {@code text} with every personal, sensitive or secret value this run holds (under such a key
     * anywhere in its input or step outputs) replaced by its keyed-hash marker: for what leaves the
     * run as text, such as a log line.
     */
    String redact(String text);
}
