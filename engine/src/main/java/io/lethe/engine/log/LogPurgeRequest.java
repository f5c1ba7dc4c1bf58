package io.lethe.engine.log;

import io.lethe.engine.retention.ValueRedactor;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log purge forgets: the lines of {@code range} that pass {@code filter} and, for a value purge, hold one of
 * {@code values} as a whole token (searched as every other store searches them; null: no value purge). Without
 * either every line of the range goes (whole segments inside it are deleted); with one only matching lines.
 */
public record LogPurgeRequest(LogRange range, LogFilter filter, ValueRedactor values) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public LogPurgeRequest {
        Objects.requireNonNull(range, "range");
        filter = filter == null ? LogFilter.NONE : filter;
    }

    public LogPurgeRequest(LogRange range, LogFilter filter) {
        this(range, filter, null);
    }

    /** Whether only some lines of the range go, not every one. */
    public boolean selective() {
        return !filter.isEmpty() || values != null;
    }

    /**
     * Builds a request from text as typed in a CLI or sent in a REST body, reporting every field at
     * fault at once ({@link InvalidInputException} with pointers {@code /from}, {@code /to},
     * {@code /around}, {@code /window}). Give either {@code from} and {@code to}, or {@code around} and
     * {@code window}. Instants are ISO-8601 ({@code 2026-11-25T14:05:00Z}; without an offset they are
     * UTC); a window is {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO ({@code PT10M}).
     */
    public static LogPurgeRequest parse(String from, String to, String around, String window, LogFilter filter) {
        List<FieldError> errors = new ArrayList<>();
        boolean byBounds = from != null || to != null;
        boolean byAround = around != null || window != null;
        if (byBounds && byAround) {
            errors.add(new FieldError("/around", "give either from and to, or around and window, not both"));
            throw new InvalidInputException(errors);
        }
        if (!byBounds && !byAround) {
            errors.add(new FieldError("/from", "required (or around and window)"));
            throw new InvalidInputException(errors);
        }
        if (byBounds) {
            Instant start = instant(from, "/from", errors);
            Instant end = instant(to, "/to", errors);
            if (start != null && end != null && !start.isBefore(end)) {
                errors.add(new FieldError("/to", "must be after from"));
            }
            throwIfAny(errors);
            return new LogPurgeRequest(LogRange.between(start, end), filter);
        }
        Instant at = instant(around, "/around", errors);
        Duration span = duration(window, "/window", errors);
        throwIfAny(errors);
        return new LogPurgeRequest(LogRange.around(at, span), filter);
    }

    static Instant instant(String text, String pointer, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(pointer, "required"));
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(pointer, "not an ISO-8601 instant, e.g. 2026-11-25T14:05:00Z"));
                return null;
            }
        }
    }

    static Duration duration(String text, String pointer, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(pointer, "required"));
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration parsed = null;
        Matcher m = SHORT_DURATION.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                parsed = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                parsed = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            parsed = null;
        }
        if (parsed == null) {
            errors.add(new FieldError(pointer, "not a duration, e.g. 10m, 90s, 2h or PT10M"));
        } else if (parsed.isNegative() || parsed.isZero()) {
            errors.add(new FieldError(pointer, "must be a positive duration"));
            parsed = null;
        }
        return parsed;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
