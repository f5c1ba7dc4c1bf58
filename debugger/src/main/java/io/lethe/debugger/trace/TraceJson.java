package io.lethe.debugger.trace;

import io.lethe.engine.json.Json;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Stored trace documents as API JSON: metadata fields, then {@code input} and {@code blocks} from the body. */
public final class TraceJson {

    private TraceJson() {
    }

    public static Map<String, Object> of(Document stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        stored.forEach((key, value) -> {
            switch (key) {
                case "_id" -> out.put("executionId", value);
                case "body" -> {
                    if (Json.read((String) value) instanceof Map<?, ?> body) {
                        out.put("input", body.get("input"));
                        out.put("blocks", body.get("blocks"));
                    }
                }
                default -> out.put(key, plain(value));
            }
        });
        return out;
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Date d -> d.toInstant().toString();
            case Document d -> {
                Map<String, Object> out = new LinkedHashMap<>();
                d.forEach((k, v) -> out.put(k, plain(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(TraceJson::plain).toList();
            case null -> null;
            default -> value;
        };
    }
}
