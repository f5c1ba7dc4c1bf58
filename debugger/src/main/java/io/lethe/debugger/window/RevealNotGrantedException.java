package io.lethe.debugger.window;

/** A designer without the reveal permission asked for an unredacted debug window (HTTP 403). */
public final class RevealNotGrantedException extends RuntimeException {

    public RevealNotGrantedException(String username) {
        super("'" + username + "' may not open unredacted debug windows: an admin must grant the reveal permission first");
    }
}
