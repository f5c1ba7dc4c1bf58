package io.lethe.engine.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms a text takes in stored JSON: as it is, escaped as in a JSON string ({@code a"b} as {@code a\"b}: a log
 * line, a document in a backup archive), and escaped twice (a trace's body is JSON kept as a string, so an archive
 * holds it escaped again). Searching and redacting a value in stores of JSON text has to find every form.
 */
public final class JsonForms {

    private JsonForms() {
    }

    /** {@code value} first, then each distinct escaped form. */
    public static List<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String once = escaped(value);
        forms.add(once);
        forms.add(escaped(once));
        return List.copyOf(forms);
    }

    /** The text as it stands between the quotes of a JSON string. */
    public static String escaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
