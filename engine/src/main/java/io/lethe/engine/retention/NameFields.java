package io.lethe.engine.retention;

import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Where stored documents hold names of designs (models, sequences and their blocks, connector accounts, hook paths):
 * a value purge that meets a value inside such a name replaces it by a marker that is a valid name itself, the same
 * everywhere in one purge ({@link ValueRedactor#redactNames}), so that a renamed model keeps its instances, a
 * renamed block its wiring, a renamed sequence its hook key. Every other field is redacted as text.
 */
public final class NameFields {

    /** Collections whose every field may be a name: the designs and what is kept under their names. */
    private static final Set<String> DESIGNS = Set.of("models", "sequences", "connectors", "versions", "hook_keys", "leases",
            "execution_stats", "export_register", "debug_windows", "debug_audit");

    /** In collections of data, the fields that name a design. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "instances", Set.of("model"),
            "executions", Set.of("sequence", "path"), // path: the blocks it went through
            "debug_traces", Set.of("sequence"));

    private NameFields() {
    }

    /** Whether {@code field} (top level; {@code _id} included) of a document of {@code collection} may be a name. */
    public static boolean isName(String collection, String field) {
        return DESIGNS.contains(collection) || FIELDS.getOrDefault(collection, Set.of()).contains(field);
    }

    /** One field's value redacted as what it is: a name or text. */
    public static Object redact(ValueRedactor redactor, String collection, String field, Object value) {
        return isName(collection, field) ? redactor.redactNames(value) : redactor.redact(value);
    }

    /** Whether one field's value holds the value as {@link #redact} would replace it. */
    public static boolean occursIn(ValueRedactor redactor, String collection, String field, Object value) {
        return isName(collection, field) ? redactor.occursInNames(value) : redactor.occursIn(value);
    }

    /** Whether a whole document of {@code collection} holds the value as {@link #redact} would replace it. */
    public static boolean occursIn(ValueRedactor redactor, String collection, Document document) {
        return document.entrySet().stream().anyMatch(e -> occursIn(redactor, collection, e.getKey(), e.getValue()));
    }

    /** A copy of a whole document of {@code collection}, every field redacted as what it is. */
    public static Document redact(ValueRedactor redactor, String collection, Document document) {
        Document out = new Document();
        document.forEach((field, value) -> out.put(field, redact(redactor, collection, field, value)));
        return out;
    }
}
