package io.lethe.engine.version;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable saved version of a design artefact.
 *
 * @param kind       {@code model}, {@code sequence} or {@code connector}
 * @param number     1, 2, 3... per artefact; never reused
 * @param document   the artefact as saved (connector versions hold no secret values)
 * @param redactedAt set when a purge redacted a value inside this version (it keeps its number)
 */
public record Version(String kind, String name, int number, Map<String, Object> document, String author,
        Instant savedAt, String comment, Instant redactedAt) {

    public static final String MODEL = "model";
    public static final String SEQUENCE = "sequence";
    public static final String CONNECTOR = "connector";
}
