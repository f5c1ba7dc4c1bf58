package io.lethe.web;

import io.lethe.engine.log.LogPurgeCli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lethe logs purge ...}: purges application log lines by time range on a stopped node
 * (the running server offers the same through {@code /api/purge-requests} with a {@code logs} scope).
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Purge log lines by time range while the server is stopped: "
        + "logs purge (--from T --to T | --around T --window 10m) [--match VALUE] [--regex RE] [--level L] "
        + "[--logger NAME] [--correlation-id ID] [--dry-run]")
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "${env:LETHE_DATA:-data}", description = "Data directory (LETHE_DATA, default ./data).")
    Path data;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new LogPurgeCli().run(args.toArray(String[]::new), out, err, data.toAbsolutePath().normalize());
    }
}
