package io.lethe.engine.store;

/** The database cannot be reached or opened; the message is one line fit for an operator. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
