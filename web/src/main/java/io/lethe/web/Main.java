package io.lethe.web;

import io.lethe.engine.store.DatabaseUnavailableException;
import io.lethe.web.http.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code lethe} command line: {@code ./lethe serve}, {@code ./lethe --help}. */
@Command(name = "lethe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Low-code orchestration whose data can be forgotten on purpose.",
        subcommands = {ServeCommand.class, PurgeCommand.class, LogsCommand.class, BackupCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Every flag also reads a LETHE_* environment variable (e.g. LETHE_PORT).",
            "Run every test: ./lethe test"})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        LogSetup.logUncaughtFailures();
        int code = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
        if (code != ServeCommand.SERVED) {
            System.exit(code);
        }
    }

    /**
     * The command line with Lethe's error handling: a bad flag or a start-up failure prints one
     * line and exits non-zero (2 for usage, 1 for start-up), never a stack trace.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("lethe: " + e.getMessage() + " (see ./lethe --help)");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof StartupException || e instanceof DatabaseUnavailableException) {
                err.println("lethe: " + e.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            }
            throw e;
        });
        return cli;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lethe " + Version.current()};
        }
    }
}
