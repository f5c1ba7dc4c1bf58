package io.lethe.engine.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces a literal value inside any document (maps, lists, strings, at any depth),
 * ignoring case: used by every store's {@link PurgeScope.Value} purge. Map keys are searched too.
 * Occurrences inside longer strings (JavaScript source, messages) are replaced in place.
 */
public final class ValueRedactor {

    public static final String REPLACEMENT = "[redacted]";

    private final Pattern pattern;

    public ValueRedactor(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the value to purge must not be empty");
        }
        this.pattern = Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whether the value occurs anywhere in {@code document}. */
    public boolean occursIn(Object document) {
        return switch (document) {
            case String s -> pattern.matcher(s).find();
            case Map<?, ?> map -> map.entrySet().stream().anyMatch(e -> occursIn(String.valueOf(e.getKey())) || occursIn(e.getValue()));
            case List<?> list -> list.stream().anyMatch(this::occursIn);
            case null -> false;
            default -> false; // numbers, booleans, dates hold no text to forget
        };
    }

    /** A copy of {@code document} with every occurrence replaced by {@link #REPLACEMENT}. */
    public Object redact(Object document) {
        return switch (document) {
            case String s -> pattern.matcher(s).replaceAll(Matcher.quoteReplacement(REPLACEMENT));
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) redact(String.valueOf(k)), redact(v)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(redact(item)));
                yield out;
            }
            case null -> null;
            default -> document;
        };
    }
}
