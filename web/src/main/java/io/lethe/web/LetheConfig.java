package io.lethe.web;

import io.lethe.engine.store.DatabaseOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the composition root needs to start, resolved from flags and {@code LETHE_*}
 * environment variables by {@link ServeCommand}.
 *
 * @param fileLogs whether to write JSON log segments under {@code <data>/logs} (off in most tests)
 */
public record LetheConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> mongoUri,
        Optional<String> adminPassword,
        boolean fileLogs) {

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public DatabaseOptions databaseOptions() {
        return mongoUri.map(DatabaseOptions::external)
                .orElseGet(() -> DatabaseOptions.embedded(dataDir.resolve("db")));
    }
}
