package io.lethe.engine.log;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code logs purge} on the command line, for a node whose server is stopped (nobody appends):
 * <pre>
 * logs purge (--from T --to T | --around T --window 10m) [--match VALUE] [--regex RE] [--level L]
 *            [--logger NAME] [--correlation-id ID] [--dry-run] [--samples N] [--data DIR]
 * </pre>
 * Exit codes: 0 done (or previewed), 1 failed or verification found lines left, 2 usage. Errors are
 * one line on {@code err}; the values searched for are never printed, samples are masked.
 */
public final class LogPurgeCli {

    public static final String USAGE = "usage: logs purge (--from T --to T | --around T --window 10m) [--match VALUE]"
            + " [--regex RE] [--level L] [--logger NAME] [--correlation-id ID] [--dry-run] [--samples N] [--data DIR]";
    private static final Set<String> VALUED = Set.of("--from", "--to", "--around", "--window", "--match", "--regex",
            "--level", "--logger", "--correlation-id", "--samples", "--data");
    private static final Map<String, String> OPTION_OF_POINTER = Map.of("/from", "--from", "/to", "--to",
            "/around", "--around", "/window", "--window", "/match", "--match", "/regex", "--regex", "/level", "--level",
            "/logger", "--logger", "/correlationId", "--correlation-id");

    private final SegmentLock lock;

    public LogPurgeCli() {
        this(SegmentLock.NONE);
    }

    public LogPurgeCli(SegmentLock lock) {
        this.lock = lock;
    }

    /** Runs {@code args} (starting with {@code purge}) on {@code <dataDir>/logs}; returns the exit code. */
    public int run(String[] args, PrintWriter out, PrintWriter err, Path dataDir) {
        try {
            return purge(args, out, err, dataDir);
        } catch (UsageException e) {
            err.println("logs: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InvalidInputException e) {
            FieldError first = e.errors().get(0);
            err.println("logs purge: " + OPTION_OF_POINTER.getOrDefault(first.pointer(), first.pointer()) + ": "
                    + first.message());
            return 2;
        } catch (ConflictException | UncheckedIOException e) {
            err.println("logs purge: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int purge(String[] args, PrintWriter out, PrintWriter err, Path dataDir) {
        if (args.length == 0 || !args[0].equals("purge")) {
            throw new UsageException(args.length == 0 ? "missing command" : "unknown command " + args[0]);
        }
        Map<String, String> options = new HashMap<>();
        boolean dryRun = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--dry-run") && value == null) {
                dryRun = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (VALUED.contains(arg)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                if (options.put(arg, value) != null) {
                    throw new UsageException(arg + " given twice");
                }
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        LogFilter filter = new LogFilter(options.get("--match"), options.get("--regex"), options.get("--level"),
                options.get("--logger"), options.get("--correlation-id"));
        LogPurgeRequest request = LogPurgeRequest.parse(options.get("--from"), options.get("--to"),
                options.get("--around"), options.get("--window"), filter);
        int samples = samples(options.get("--samples"));
        Path data = options.containsKey("--data") ? Path.of(options.get("--data")) : dataDir;
        LogPurger purger = new LogPurger(new LogSegments(data.resolve("logs")), lock);
        out.println("range [" + request.range().from() + ", " + request.range().to() + ") in " + data.resolve("logs"));
        return dryRun ? preview(purger, request, samples, out)
                : runAndVerify(purger, request, out, err);
    }

    private static int preview(LogPurger purger, LogPurgeRequest request, int samples, PrintWriter out) {
        LogPreview p = purger.preview(request, samples);
        out.printf("dry run: %d lines would go; %d segments deleted, %d rewritten (%d bytes); %d lines skipped"
                + " (unreadable timestamp)%n", p.lines(), p.segmentsDeleted(), p.segmentsRewritten(),
                p.bytesAffected(), p.skippedLines());
        for (LogSample s : p.samples()) {
            out.printf("  %s %s %s%s %s%n", s.timestamp(), s.level(), s.logger(),
                    s.correlationId() == null ? "" : " [" + s.correlationId() + "]", s.message());
        }
        return 0;
    }

    private static int runAndVerify(LogPurger purger, LogPurgeRequest request, PrintWriter out, PrintWriter err) {
        LogPurgeResult r = purger.run(request);
        out.printf("purged: %d lines; %d segments deleted, %d rewritten; %d -> %d bytes; %d lines skipped"
                + " (unreadable timestamp)%n", r.linesRemoved(), r.segmentsDeleted(), r.segmentsRewritten(),
                r.bytesBefore(), r.bytesAfter(), r.skippedLines());
        LogVerification v = purger.verify(request);
        out.printf("verify: %d lines left in scope, %d skipped%n", v.remaining(), v.skippedLines());
        if (!v.clean()) {
            err.println("logs purge: verification found " + v.remaining() + " lines still in scope");
            return 1;
        }
        return 0;
    }

    private static int samples(String text) {
        if (text == null) {
            return 5;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(List.of(new FieldError("--samples", "must be a number from 0 to 100")));
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
