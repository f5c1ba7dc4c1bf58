package io.lethe.engine.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Date attribute values: accepted as ISO-8601 with an offset, stored as UTC with exactly three
 * fraction digits so that string order is time order (range queries work on both databases).
 */
public final class Dates {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Dates() {
    }

    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String normalise(String text) {
        return parse(text).map(STORED::format).orElse(text);
    }

    public static String format(Instant instant) {
        return STORED.format(instant);
    }
}
