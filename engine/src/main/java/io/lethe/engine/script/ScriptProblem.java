package io.lethe.engine.script;

/** A syntax error found without running the script: 1-based line and column, and the parser's message. */
public record ScriptProblem(int line, int column, String message) {
}
