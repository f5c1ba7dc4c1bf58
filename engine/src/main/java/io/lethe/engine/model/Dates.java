package io.lethe.engine.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Date attribute values: accepted as ISO-8601 with an offset or as a day, stored as UTC with exactly three
 * fraction digits so that string order is time order (range queries work on both databases).
 */
public final class Dates {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final int DAY_LENGTH = "2026-01-31".length();

    private Dates() {
    }

    /** An instant with an offset ({@code 2026-01-31T12:00:00+01:00}), or a day ({@code 2026-01-31}: its start, UTC). */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(text.length() == DAY_LENGTH
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant());
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
