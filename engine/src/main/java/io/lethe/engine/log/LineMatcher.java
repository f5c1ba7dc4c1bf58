package io.lethe.engine.log;

import com.google.re2j.Pattern;
import io.lethe.engine.regex.SafeRegex;
import io.lethe.engine.retention.ValueRedactor;
import java.util.Collection;
import java.util.Map;

/** A {@link LogFilter} compiled once per purge and applied to each line (in linear time: {@link SafeRegex}). */
final class LineMatcher {

    static final String MASK = "***";

    private final LogFilter filter;
    private final Pattern value;
    private final Pattern regex;
    private final ValueRedactor values;

    /** @param values the values of a value purge, or null */
    LineMatcher(LogFilter filter, ValueRedactor values) {
        this.filter = filter;
        this.values = values;
        this.value = filter.match() == null ? null : SafeRegex.compile(Pattern.quote(filter.match()), true);
        this.regex = filter.regex() == null ? null : SafeRegex.compile(filter.regex(), false);
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
        return (value == null || found(value, line)) && (regex == null || found(regex, line))
                && (values == null || values.occursIn(line.text()) || escaped(line) && values.occursIn(line.fields()));
    }

    /** The text with every match of the value or regex masked; wholly masked when the filter searches no text. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        if (!filter.searchesText() && values == null) {
            return MASK;
        }
        String masked = text;
        if (value != null) {
            masked = value.matcher(masked).replaceAll(MASK);
        }
        if (regex != null) {
            masked = regex.matcher(masked).replaceAll(MASK);
        }
        if (values != null) {
            masked = (String) values.redact(masked);
        }
        return masked;
    }

    private static boolean found(Pattern pattern, LogLine line) {
        if (pattern.matcher(line.text()).find()) {
            return true;
        }
        return escaped(line) && foundIn(pattern, line.fields());
    }

    /** Whether a JSON escape (\" \\ \u00e9) may hide the plain text from the raw line: then decoded values are searched too. */
    private static boolean escaped(LogLine line) {
        return line.text().indexOf('\\') >= 0 && line.fields() != null;
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
