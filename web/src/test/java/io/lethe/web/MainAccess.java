package io.lethe.web;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code lethe} command line in process, for tests outside this package. */
public final class MainAccess {

    private MainAccess() {
    }

    public static int run(StringWriter out, StringWriter err, String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }
}
