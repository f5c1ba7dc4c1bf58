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
 * Occurrences inside longer strings (JavaScript source, messages, JSON text) are replaced in place.
 *
 * <p>An occurrence counts as a whole token only: where the value begins (or ends) with a letter or
 * digit, the text just before (or after) it must not be one. Purging the name "Ion" finds
 * "Ion Popescu" and "ion@example.org" but leaves the key {@code position} and the word
 * {@code function} in a script alone, which would otherwise be renamed and break every stored
 * sequence and version.
 */
public final class ValueRedactor {

    public static final String REPLACEMENT = "[redacted]";

    private final Pattern pattern;

    public ValueRedactor(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the value to purge must not be empty");
        }
        String before = wordLike(value.codePointAt(0)) ? NOT_AFTER_WORD : "";
        String after = wordLike(value.codePointBefore(value.length())) ? NOT_BEFORE_WORD : "";
        this.pattern = Pattern.compile(before + Pattern.quote(value) + after, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * The same search as a Java regular expression with its flags inline, for stores searched by
     * pattern (log lines).
     */
    public String regex() {
        return "(?iu)" + pattern.pattern();
    }

    private static final String NOT_AFTER_WORD = "(?<![\\p{L}\\p{N}])";
    private static final String NOT_BEFORE_WORD = "(?![\\p{L}\\p{N}])";

    private static boolean wordLike(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
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
