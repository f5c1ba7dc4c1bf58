package io.lethe.engine.redact;

import io.lethe.engine.json.JsonForms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Redacts the values of one trace (or one log line) before anything is stored. Used in two passes: {@link #collect}
 * over every value the trace will hold learns the clear values found under protected keys, then
 * {@link #value} and {@link #text} replace them: whole under a protected key, and as substrings
 * wherever else they turn up (a log message that quotes an e-mail address, a key, an error).
 * Connector secrets and values under credential keys are redacted even in reveal mode.
 * Not thread-safe: one per trace.
 */
public final class Redactor {

    /** Values shorter than this are redacted where their key says so, but not hunted as substrings. */
    static final int MIN_SUBSTRING = 4;

    private final RedactionRules.Snapshot rules;
    private final RedactionRules keywords;
    private final boolean reveal;
    private final Mac mac;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, String> markers = new HashMap<>();
    /** The value each known form (the value, or it escaped as JSON text holds it) stands for. */
    private final Map<String, String> originals = new HashMap<>();
    private List<String> longestFirst;
    private int redactions;

    Redactor(RedactionRules.Snapshot rules, RedactionRules keywords, boolean reveal, Mac mac) {
        this.rules = rules;
        this.keywords = keywords;
        this.reveal = reveal;
        this.mac = mac;
        rules.secretValues().forEach(this::learn); // a secret shorter than MIN_SUBSTRING would mark every such substring
    }

    /** Learns the clear values under protected keys in {@code value}; call for every value first. */
    public void collect(Object value) {
        switch (value) {
            case Map<?, ?> map -> map.forEach((k, v) -> {
                if (isProtected(String.valueOf(k))) {
                    learn(v);
                } else {
                    collect(v);
                }
            });
            case List<?> list -> list.forEach(this::collect);
            case null, default -> {
            }
        }
    }

    /** A redacted copy of {@code value}. */
    public Object value(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    String key = text(String.valueOf(k));
                    out.put(key, v != null && isProtected(String.valueOf(k)) ? mark(v) : value(v));
                });
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(value(v)));
                yield out;
            }
            case String s -> text(s);
            case null -> null;
            default -> value;
        };
    }

    /** {@code text} with every known protected value or secret replaced by its marker. */
    public String text(String text) {
        if (text == null || known.isEmpty()) {
            return text;
        }
        if (longestFirst == null) {
            longestFirst = known.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
        String out = text;
        for (String secret : longestFirst) {
            if (out.contains(secret)) {
                out = out.replace(secret, mark(originals.get(secret))); // an escaped form gets the marker of its value
            }
        }
        return out;
    }

    /** How many values were replaced so far. */
    public int redactions() {
        return redactions;
    }

    public boolean reveal() {
        return reveal;
    }

    private boolean isProtected(String key) {
        return keywords.isSecretKey(key) || (!reveal && rules.protectedKeys().contains(RedactionRules.normalise(key)));
    }

    private void learn(Object value) {
        switch (value) {
            case String s when s.length() >= MIN_SUBSTRING -> {
                for (String form : JsonForms.of(s)) { // as JSON text holds it too: a log line quoting a body, an error
                    if (known.add(form)) {
                        originals.put(form, s);
                        longestFirst = null;
                    }
                }
            }
            case Long n when Long.toString(n).length() >= MIN_SUBSTRING -> learn(Long.toString(n)); // a phone number in a message
            case Integer n when Integer.toString(n).length() >= MIN_SUBSTRING -> learn(Integer.toString(n));
            case Map<?, ?> map -> map.values().forEach(this::learn);
            case List<?> list -> list.forEach(this::learn);
            case null, default -> {
            }
        }
    }

    private String mark(Object value) {
        redactions++;
        if (value instanceof String s) {
            return markers.computeIfAbsent(s, v -> KeyedHash.marker(mac, v));
        }
        return KeyedHash.marker(mac, value);
    }
}
