package io.lethe.web;

/** Lethe cannot start for a reason an operator can fix; the message is one line. */
public final class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
