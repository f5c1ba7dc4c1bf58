package io.lethe.engine.retention;

import io.lethe.engine.json.JsonForms;
import io.lethe.engine.secret.Sha256;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 *
 * <p>A value is also found as JSON text holds it, escaped once or twice ({@link JsonForms}): a log line, a trace body
 * or a backup archive is JSON, and a value with a quote, a backslash or a line break is stored so there; and
 * percent-encoded, as a request path in a log line holds it.
 */
public final class ValueRedactor {

    public static final String REPLACEMENT = "[redacted]";

    /** At most this many values are searched for at once (one purge): each is an alternative of one pattern. */
    public static final int MAX_VALUES = 200;

    private final Pattern pattern;
    private final String mark;

    public ValueRedactor(String value) {
        this(List.of(value == null ? "" : value));
    }

    public ValueRedactor(Collection<String> values) {
        this(values, null);
    }

    /**
     * Finds any of {@code values} (the longest first where one holds another: "Ada Lovelace" goes
     * whole, not as "[redacted] Lovelace" because "Ada" is among them too).
     *
     * @param mark the purge's secret for names (see {@link PurgeScope.Value#mark()}); null: names get {@link #REPLACEMENT}
     */
    public ValueRedactor(Collection<String> values, String mark) {
        if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException("the value to purge must not be empty");
        }
        this.pattern = Pattern.compile(values.stream().flatMap(v -> forms(v).stream()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(ValueRedactor::token).collect(Collectors.joining("|")), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.mark = mark;
    }

    /**
     * The value as stored text may hold it: as it is, escaped by JSON text ({@link JsonForms}), and percent-encoded as in
     * a URL (a request path in a log line: {@code ada%2Bnews%40example.org}).
     */
    static List<String> forms(String value) {
        List<String> forms = new ArrayList<>(JsonForms.of(value));
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        for (String form : List.of(encoded, encoded.replace("+", "%20"))) {
            if (!forms.contains(form)) {
                forms.add(form);
            }
        }
        return forms;
    }

    /** The search for every value of a value scope. */
    public static ValueRedactor of(PurgeScope.Value scope) {
        return new ValueRedactor(scope.all(), scope.mark());
    }

    /**
     * What replaces a value inside a name: {@code redacted_} and eight hex digits of SHA-256 over the purge's mark and
     * the text found, as it is spelled: a valid name wherever the value stood in one, the same for every copy and
     * reference, and two names that differ only in case ("ada_x", "ADA_x") stay two names.
     */
    private String nameMarker(String found) {
        return "redacted_" + Sha256.hex((mark + "\u0000" + found).getBytes(StandardCharsets.UTF_8))
                .substring(0, 8);
    }

    private static String token(String value) {
        String before = wordLike(value.codePointAt(0)) ? NOT_AFTER_WORD : "";
        String after = wordLike(value.codePointBefore(value.length())) ? NOT_BEFORE_WORD : "";
        return before + Pattern.quote(value) + after;
    }

    private static final String NOT_AFTER_WORD = "(?<![\\p{L}\\p{N}])";
    private static final String NOT_BEFORE_WORD = "(?![\\p{L}\\p{N}])";

    private static boolean wordLike(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    /** Whether the value occurs anywhere in {@code document}. */
    public boolean occursIn(Object document) {
        return occursIn(document, false);
    }

    /**
     * Whether the value occurs in {@code document} as {@link #redactNames} would replace it: JavaScript's own names in
     * code ({@link JsCode}) do not count.
     */
    public boolean occursInNames(Object document) {
        return occursIn(document, true);
    }

    private boolean occursIn(Object document, boolean names) {
        return switch (document) {
            case String s when names -> {
                Matcher found = pattern.matcher(s);
                JsCode js = null;
                while (found.find()) {
                    js = js == null ? JsCode.of(s) : js;
                    if (!js.isBuiltin(found.start(), found.end())) {
                        yield true;
                    }
                }
                yield false;
            }
            case String s -> pattern.matcher(s).find();
            case Map<?, ?> map -> map.entrySet().stream()
                    .anyMatch(e -> occursIn(String.valueOf(e.getKey())) || occursIn(e.getValue(), names));
            case List<?> list -> list.stream().anyMatch(item -> occursIn(item, names));
            case null -> false;
            default -> false; // numbers, booleans, dates hold no text to forget
        };
    }

    /**
     * A copy of {@code document} (data, text) with every occurrence replaced by {@link #REPLACEMENT}, except in map keys:
     * a key is a name (an attribute of an instance's data, say), redacted as {@link #redactNames} does.
     */
    public Object redact(Object document) {
        return redact(document, false);
    }

    /**
     * A copy of {@code document} that holds names (a design, or a field naming one: see {@link NameFields}): each
     * occurrence is replaced by a marker that is itself a valid name, the same for one value throughout one purge (see
     * {@link #nameMarker}), so that names and every reference to them (a block's wiring, a template's
     * {@code steps.<block>}, a model a block writes, a hook path) stay valid and agree; without a mark, by
     * {@link #REPLACEMENT}. JavaScript's own names written as code ({@code Math.max} when the value is "Max") are the
     * language, not data, and are left ({@link JsCode}).
     */
    public Object redactNames(Object document) {
        return redact(document, true);
    }

    private Object redact(Object document, boolean names) {
        return switch (document) {
            case String s when names -> {
                JsCode[] js = new JsCode[1]; // read once, at the first match
                yield pattern.matcher(s).replaceAll(found -> {
                    js[0] = js[0] == null ? JsCode.of(s) : js[0];
                    boolean language = js[0].isBuiltin(found.start(), found.end());
                    return Matcher.quoteReplacement(language ? found.group() : nameReplacement(found.group()));
                });
            }
            case String s -> pattern.matcher(s).replaceAll(Matcher.quoteReplacement(REPLACEMENT));
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                // a key is a name (an attribute, a block's id, a field of a body) wherever it is
                map.forEach((k, v) -> out.put(key(String.valueOf(k)), redact(v, names)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(redact(item, names)));
                yield out;
            }
            case null -> null;
            default -> document;
        };
    }

    /** A map key redacted: every occurrence, as a name. */
    private String key(String key) {
        return pattern.matcher(key).replaceAll(found -> Matcher.quoteReplacement(nameReplacement(found.group())));
    }

    private String nameReplacement(String found) {
        return mark == null ? REPLACEMENT : nameMarker(found);
    }
}
