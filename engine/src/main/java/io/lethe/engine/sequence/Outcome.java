package io.lethe.engine.sequence;

/** How a block ended: an outcome name (wired to the next block) with an output, or a failure. */
public sealed interface Outcome {

    String NEXT = "next";
    String ERROR = "error";

    static Outcome next(Object output) {
        return new Next(NEXT, output);
    }

    static Outcome failed(String message) {
        return new Failed(message);
    }

    /** The block succeeded and took the named outcome. */
    record Next(String name, Object output) implements Outcome {
    }

    /** The block failed; the run follows the block's {@code error} wire or fails. */
    record Failed(String message) implements Outcome {
    }
}
