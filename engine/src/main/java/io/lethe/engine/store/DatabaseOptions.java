package io.lethe.engine.store;

import com.mongodb.event.CommandListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to open the {@link Database}.
 *
 * @param directory              where the embedded database keeps its files (ignored with a URI)
 * @param mongoUri               a real MongoDB to use instead of the embedded one
 * @param serverSelectionTimeout how long to wait for the server before giving up
 * @param commandListeners       observers of every driver command (metrics)
 */
public record DatabaseOptions(
        Path directory,
        Optional<String> mongoUri,
        Duration serverSelectionTimeout,
        List<CommandListener> commandListeners) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DatabaseOptions {
        commandListeners = List.copyOf(commandListeners);
    }

    public static DatabaseOptions embedded(Path directory) {
        return new DatabaseOptions(directory, Optional.empty(), DEFAULT_TIMEOUT, List.of());
    }

    public static DatabaseOptions external(String mongoUri) {
        return new DatabaseOptions(null, Optional.of(mongoUri), DEFAULT_TIMEOUT, List.of());
    }

    public DatabaseOptions withCommandListeners(List<CommandListener> listeners) {
        return new DatabaseOptions(directory, mongoUri, serverSelectionTimeout, listeners);
    }

    public DatabaseOptions withServerSelectionTimeout(Duration timeout) {
        return new DatabaseOptions(directory, mongoUri, timeout, commandListeners);
    }
}
