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
 *
 * <p>Map keys that are words of the {@link Vocabulary} (Lethe's field names, JavaScript's built-in names) are never
 * replaced, in data or designs: they are language, not data. In designs, such words also stay as whole names, template
 * segments and identifiers of code ({@link #redactNames}).
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

    /** How a string is read: data (all of it goes), a design's text and names, or a design's JavaScript. */
    private enum Reading { DATA, NAMES, CODE }

    /**
     * Whether the value occurs anywhere in {@code document} (data): in its strings, or in a map key that is not a word of
     * the {@link Vocabulary} (keys such as {@code type} or {@code max} are left by {@link #redact}).
     */
    public boolean occursIn(Object document) {
        return occursIn(document, Reading.DATA);
    }

    /**
     * Whether the value occurs in {@code document} (a design, or a field naming one) as {@link #redactNames} would replace
     * it: words of the {@link Vocabulary} standing as names or as code do not count.
     */
    public boolean occursInNames(Object document) {
        return occursIn(document, Reading.NAMES);
    }

    private boolean occursIn(Object document, Reading reading) {
        return switch (document) {
            case String s -> {
                Matcher found = pattern.matcher(s);
                Language language = null;
                while (found.find()) {
                    language = language == null ? language(s, reading) : language;
                    if (!language.at(found.start(), found.end())) {
                        yield true;
                    }
                }
                yield false;
            }
            case Map<?, ?> map -> {
                String block = blockType(map, reading);
                yield map.entrySet().stream().anyMatch(e -> keyOccurs(String.valueOf(e.getKey()))
                        || (block != null && "config".equals(e.getKey()) ? configOccurs(block, (Map<?, ?>) e.getValue())
                                : occursIn(e.getValue(), reading)));
            }
            case List<?> list -> list.stream().anyMatch(item -> occursIn(item, reading));
            case null -> false;
            default -> false; // numbers, booleans, dates hold no text to forget
        };
    }

    private boolean configOccurs(String block, Map<?, ?> config) {
        return config.entrySet().stream().anyMatch(e -> keyOccurs(String.valueOf(e.getKey()))
                || occursIn(e.getValue(), Vocabulary.isCode(block, String.valueOf(e.getKey())) ? Reading.CODE : Reading.NAMES));
    }

    /**
     * A copy of {@code document} (data, text) with every occurrence replaced by {@link #REPLACEMENT}, except in map keys:
     * a key is a name (an attribute of an instance's data, say), redacted as {@link #redactNames} does.
     */
    public Object redact(Object document) {
        return redact(document, Reading.DATA);
    }

    /**
     * A copy of {@code document} that holds names (a design, or a field naming one: see {@link NameFields}): each
     * occurrence is replaced by a marker that is itself a valid name, the same for one value throughout one purge (see
     * {@link #nameMarker}), so that names and every reference to them (a block's wiring, a template's
     * {@code steps.<block>}, a model a block writes, a hook path) stay valid and agree; without a mark, by
     * {@link #REPLACEMENT}. A word of the {@link Vocabulary} (Lethe's or JavaScript's) is language, not data, and is left
     * where it stands as a whole name or key, as a segment of a template's {@code {{...}}}, or as an identifier in a
     * script's or condition's code ({@link JsCode}): {@code Math.max} stays when the value is "Max", while {@code 'Max'}
     * in the same script goes.
     */
    public Object redactNames(Object document) {
        return redact(document, Reading.NAMES);
    }

    private Object redact(Object document, Reading reading) {
        return switch (document) {
            case String s when reading == Reading.DATA -> pattern.matcher(s).replaceAll(Matcher.quoteReplacement(REPLACEMENT));
            case String s -> {
                Language[] language = new Language[1]; // read once, at the first match
                yield pattern.matcher(s).replaceAll(found -> {
                    language[0] = language[0] == null ? language(s, reading) : language[0];
                    boolean kept = language[0].at(found.start(), found.end());
                    return Matcher.quoteReplacement(kept ? found.group() : nameReplacement(found.group()));
                });
            }
            case Map<?, ?> map -> {
                String block = blockType(map, reading);
                Map<String, Object> out = new LinkedHashMap<>();
                // a key is a name (an attribute, a block's id, a field of a body) wherever it is
                map.forEach((k, v) -> out.put(key(String.valueOf(k)), block != null && "config".equals(k)
                        ? redactConfig(block, (Map<?, ?>) v) : redact(v, reading)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(redact(item, reading)));
                yield out;
            }
            case null -> null;
            default -> document;
        };
    }

    /** A block's config: the fields holding JavaScript read as code, the others as names. */
    private Map<String, Object> redactConfig(String block, Map<?, ?> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(key(String.valueOf(k)),
                redact(v, Vocabulary.isCode(block, String.valueOf(k)) ? Reading.CODE : Reading.NAMES)));
        return out;
    }

    /** In a design, a block (a map with a type and a config) has its type; else null. */
    private static String blockType(Map<?, ?> map, Reading reading) {
        return reading != Reading.DATA && map.get("type") instanceof String type && map.get("config") instanceof Map<?, ?> ? type : null;
    }

    /** Whether a match in a string is language (kept), as the string is read. */
    private interface Language {
        boolean at(int start, int end);
    }

    private static Language language(String s, Reading reading) {
        return switch (reading) {
            case DATA -> (start, end) -> false;
            case CODE -> JsCode.of(s)::isLanguage;
            case NAMES -> Vocabulary.isLanguage(s) ? (start, end) -> true : (start, end) -> TemplateWords.isLanguage(s, start, end);
        };
    }

    /** Whether a map key holds the value as {@link #key} replaces it. */
    private boolean keyOccurs(String key) {
        return pattern.matcher(key).find() && !Vocabulary.isLanguage(key);
    }

    /** A map key redacted as a name, unless it is a word of the {@link Vocabulary}. */
    private String key(String key) {
        return Vocabulary.isLanguage(key) ? key
                : pattern.matcher(key).replaceAll(found -> Matcher.quoteReplacement(nameReplacement(found.group())));
    }

    private String nameReplacement(String found) {
        return mark == null ? REPLACEMENT : nameMarker(found);
    }
}
