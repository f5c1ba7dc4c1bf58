package io.lethe.engine.log;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/** A {@link LogFilter} compiled once per purge and applied to each line. */
final class LineMatcher {

    static final String MASK = "***";

    private final LogFilter filter;
    private final Pattern value;
    private final Pattern regex;

    LineMatcher(LogFilter filter) {
        this.filter = filter;
        this.value = filter.match() == null ? null
                : Pattern.compile(Pattern.quote(filter.match()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.regex = filter.regex() == null ? null : Pattern.compile(filter.regex());
    }

    /** Whether the line passes every criterion of the filter (its time is judged elsewhere). */
    boolean matches(LogLine line) {
        if (filter.level() != null && !(line.field("level") instanceof String level
                && level.equalsIgnoreCase(filter.level()))) {
            return false;
        }
        if (filter.logger() != null && !(line.field("logger") instanceof String logger
                && (logger.equals(filter.logger()) || logger.startsWith(filter.logger() + ".")))) {
            return false;
        }
        if (filter.correlationId() != null && !filter.correlationId().equals(line.field("correlationId"))) {
            return false;
        }
        return (value == null || found(value, line)) && (regex == null || found(regex, line));
    }

    /** The text with every match of the value or regex masked; wholly masked when the filter searches no text. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        if (!filter.searchesText()) {
            return MASK;
        }
        String masked = text;
        if (value != null) {
            masked = value.matcher(masked).replaceAll(MASK);
        }
        if (regex != null) {
            masked = regex.matcher(masked).replaceAll(MASK);
        }
        return masked;
    }

    private static boolean found(Pattern pattern, LogLine line) {
        if (pattern.matcher(line.text()).find()) {
            return true;
        }
        // A JSON escape (\" \\ \u00e9) hides the plain text from the raw line: look at decoded values too.
        return line.text().indexOf('\\') >= 0 && line.fields() != null && foundIn(pattern, line.fields());
    }

    private static boolean foundIn(Pattern pattern, Object value) {
        return switch (value) {
            case null -> false;
            case String s -> pattern.matcher(s).find();
            case Map<?, ?> map -> map.entrySet().stream()
                    .anyMatch(e -> foundIn(pattern, e.getKey()) || foundIn(pattern, e.getValue()));
            case Collection<?> list -> list.stream().anyMatch(v -> foundIn(pattern, v));
            default -> pattern.matcher(String.valueOf(value)).find();
        };
    }
}
