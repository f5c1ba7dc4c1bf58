package io.lethe.web;

import io.lethe.engine.job.Retention;
import io.lethe.engine.store.DatabaseOptions;
import io.lethe.purge.PurgeSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the composition root needs to start, resolved from flags and {@code LETHE_*}
 * environment variables by {@link ServeCommand}.
 *
 * @param fileLogs             whether to write JSON log segments under {@code <data>/logs} (off in most tests)
 * @param retention            how long deactivated instances, execution records and log segments are kept
 * @param purge                four-eyes settings of the purge lifecycle
 */
public record LetheConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> mongoUri,
        Optional<String> adminPassword,
        boolean fileLogs,
        Retention retention,
        PurgeSettings purge) {

    public LetheConfig withPurge(PurgeSettings settings) {
        return new LetheConfig(host, port, dataDir, mongoUri, adminPassword, fileLogs, retention, settings);
    }

    /** The defaults for everything but where to listen and store. */
    public static LetheConfig of(String host, int port, Path dataDir, Optional<String> mongoUri,
            Optional<String> adminPassword, boolean fileLogs) {
        return new LetheConfig(host, port, dataDir, mongoUri, adminPassword, fileLogs, Retention.DEFAULTS, PurgeSettings.defaults());
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public DatabaseOptions databaseOptions() {
        return mongoUri.map(DatabaseOptions::external)
                .orElseGet(() -> DatabaseOptions.embedded(dataDir.resolve("db")));
    }
}
