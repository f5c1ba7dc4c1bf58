package io.lethe.engine.retention;

/**
 * Files purge requests for admins to approve: how a sequence (the {@code request-purge} block, e.g. behind a
 * "forget me" form) asks for a purge it may not run itself. The purge subsystem implements it; the engine
 * does not know that subsystem, so the composition root hands it over ({@code Engine#purgeRequests}).
 */
public interface PurgeRequests {

    /** Until the composition root wires the purge subsystem (and in engine-only tests): refuses. */
    PurgeRequests NONE = (scope, requester) -> {
        throw new IllegalStateException("this Lethe has no purge subsystem to file the request with");
    };

    /**
     * Files a request for {@code scope} (checked as an admin's would be) in the requester's name, and has
     * it planned in the background; it then waits for an admin's approval.
     *
     * @return the request's id
     * @throws io.lethe.engine.failure.InvalidInputException when the scope is refused (unknown model or attribute...)
     * @throws io.lethe.engine.failure.ConflictException when too many of the requester's requests wait already
     */
    String file(PurgeScope scope, String requester);
}
