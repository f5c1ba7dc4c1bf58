package io.lethe.debugger.trace;

import io.lethe.engine.json.Json;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Stored trace documents as API JSON: values decoded, truncated ones shown as a marked preview. */
public final class TraceJson {

    private TraceJson() {
    }

    public static Map<String, Object> of(Document stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        stored.forEach((key, value) -> {
            switch (key) {
                case "_id" -> out.put("executionId", value);
                case "input" -> out.put("input", decode(value, Boolean.TRUE.equals(stored.get("inputTruncated"))));
                case "blocks" -> out.put("blocks", ((List<?>) value).stream().map(b -> block((Document) b)).toList());
                default -> out.put(key, plain(value));
            }
        });
        return out;
    }

    private static Map<String, Object> block(Document block) {
        List<?> truncated = block.getList("truncated", Object.class, List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        block.forEach((key, value) -> {
            switch (key) {
                case "inputs", "output" -> out.put(key, decode(value, truncated.contains(key)));
                case "call" -> out.put(key, of((Document) value));
                default -> out.put(key, plain(value));
            }
        });
        return out;
    }

    private static Object decode(Object json, boolean truncated) {
        if (!(json instanceof String text)) {
            return null;
        }
        if (truncated) {
            return Map.of("truncated", true, "preview", text);
        }
        return Json.read(text);
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
