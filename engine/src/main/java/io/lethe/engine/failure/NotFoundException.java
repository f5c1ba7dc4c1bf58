package io.lethe.engine.failure;

/** The thing asked for does not exist (or is hidden from the caller). Maps to HTTP 404. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
