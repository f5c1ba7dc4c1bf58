package io.lethe.engine.execution;

/**
 * Receives the HTTP answer of a run the moment its first {@code respond} block runs; the run goes on
 * (e.g. a hook answers 202 at once and then does the slow work). Called on the run's thread, at most
 * once per run; it must hand the answer off, not wait.
 */
@FunctionalInterface
public interface Responder {

    /** For runs nobody waits on (schedules, instance events, calls from another sequence). */
    Responder NONE = (executionId, reply) -> { };

    void answer(String executionId, HttpReply reply);
}
