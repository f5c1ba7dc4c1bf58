package io.lethe.web;

import io.lethe.engine.backup.BackupSettings;
import io.lethe.engine.job.Retention;
import io.lethe.purge.PurgeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lethe serve}: runs the server until Ctrl-C or SIGTERM, then shuts down cleanly. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Lethe (embedded database under --data unless --mongo-uri is given).")
final class ServeCommand implements Callable<Integer> {

    /** Exit code meaning "served until stopped": the JVM exits through its shutdown hooks. */
    static final int SERVED = -1;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:LETHE_PORT:-8080}",
            description = "HTTP port, 0 for any free one (LETHE_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "${env:LETHE_HOST:-127.0.0.1}",
            description = "Address to listen on (LETHE_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", defaultValue = "${env:LETHE_DATA:-data}",
            description = "Data directory: database, logs, backups (LETHE_DATA, default ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--mongo-uri", defaultValue = "${env:LETHE_MONGO_URI}",
            description = "Use this MongoDB instead of the embedded database (LETHE_MONGO_URI).")
    String mongoUri;

    @Option(names = "--deactivated-retention-days", defaultValue = "${env:LETHE_DEACTIVATED_RETENTION_DAYS:-30}",
            description = "Days deactivated instances are kept before garbage collection (default ${DEFAULT-VALUE});"
                    + " this and the other retention flags are defaults an admin can change at /api/retention.")
    int retentionDays;

    @Option(names = "--execution-retention-days", defaultValue = "${env:LETHE_EXECUTION_RETENTION_DAYS:-30}",
            description = "Days execution records and per-minute run counts are kept (default ${DEFAULT-VALUE}).")
    int executionRetentionDays;

    @Option(names = "--log-retention-days", defaultValue = "${env:LETHE_LOG_RETENTION_DAYS:-30}",
            description = "Days log segments are kept (default ${DEFAULT-VALUE}).")
    int logRetentionDays;

    @Option(names = "--trace-retention-days", defaultValue = "${env:LETHE_TRACE_RETENTION_DAYS:-7}",
            description = "Days debug traces are kept (default ${DEFAULT-VALUE}).")
    int traceRetentionDays;

    @Option(names = "--single-admin", defaultValue = "${env:LETHE_PURGE_SINGLE_ADMIN:-false}",
            description = "Let an admin approve their own purge requests (installs with one admin).")
    boolean singleAdmin;

    @Option(names = "--log-purge-approval", defaultValue = "${env:LETHE_LOG_PURGE_APPROVAL:-false}",
            description = "Require approval for log purges too (default: support staff purge logs alone).")
    boolean logPurgeApproval;

    /** A retention flag's days as a duration; a usage error under one day. */
    private Duration days(String flag, int days) {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), flag + " must be at least 1, not " + days);
        }
        return Duration.ofDays(days);
    }

    @Override
    public Integer call() {
        Retention retention = new Retention(days("--deactivated-retention-days", retentionDays),
                days("--execution-retention-days", executionRetentionDays), days("--log-retention-days", logRetentionDays),
                days("--trace-retention-days", traceRetentionDays), BackupSettings.DEFAULT_KEEP);
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty");
        }
        LetheConfig config = new LetheConfig(host, port, data.toAbsolutePath().normalize(),
                Optional.ofNullable(mongoUri).filter(u -> !u.isBlank()),
                Optional.ofNullable(System.getenv("LETHE_ADMIN_PASSWORD")), true, retention,
                new PurgeSettings(singleAdmin, logPurgeApproval));
        Lethe lethe = Lethe.start(config, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lethe.close();
            stopped.countDown();
        }, "lethe-shutdown"));
        spec.commandLine().getOut().printf("Lethe listening on http://%s:%d (database: %s, data: %s). Ctrl-C stops it.%n",
                host, lethe.port(), lethe.database().mode().label(), config.dataDir());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SERVED;
    }
}
