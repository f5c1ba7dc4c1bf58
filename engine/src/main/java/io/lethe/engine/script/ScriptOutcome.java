package io.lethe.engine.script;

import java.util.List;

/** What one script run gave: a value, or a failure with the line at fault. */
public sealed interface ScriptOutcome {

    List<String> console();

    /** The script returned {@code value} (plain JSON-like Java values; null for undefined). */
    record Returned(Object value, List<String> console) implements ScriptOutcome {
    }

    /**
     * The script threw, ran out of time or statements, or returned something not JSON-serialisable.
     *
     * @param line 1-based line in the script source, or 0 when unknown
     */
    record Failed(String message, int line, List<String> console) implements ScriptOutcome {
    }
}
