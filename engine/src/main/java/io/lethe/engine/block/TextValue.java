package io.lethe.engine.block;

import io.lethe.engine.json.Json;
import java.util.List;
import java.util.Map;

/**
 * A resolved value as the text of a header or a query parameter, as a template writes values into text: none (the
 * header or parameter is left out) for a missing one, JSON for an object or a list, else the value as text.
 */
final class TextValue {

    private TextValue() {
    }

    static String of(Object value) {
        Object plain = Json.plain(value);
        return switch (plain) {
            case null -> null;
            case Map<?, ?> map -> Json.write(map);
            case List<?> list -> Json.write(list);
            default -> String.valueOf(plain);
        };
    }
}
