package io.lethe.engine.log;

import io.lethe.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One line of a segment, kept as its exact bytes (a kept line is written back byte for byte);
 * its text, timestamp and JSON fields are decoded only when a criterion asks for them.
 */
final class LogLine {

    private static final byte[] TIMESTAMP_FIRST = "{\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private String text;
    private Map<String, Object> fields;
    private boolean parsed;

    LogLine(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    String text() {
        if (text == null) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The line's own time, or null when it has none that parses (such lines are kept and reported). */
    Instant timestamp() {
        if (startsWith(TIMESTAMP_FIRST)) {
            // Fast path for the encoder's layout, where the timestamp is the first field.
            int start = TIMESTAMP_FIRST.length;
            int end = start;
            while (end < bytes.length && bytes[end] != '"' && end - start < 40) {
                end++;
            }
            Instant fast = parseInstant(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
            if (fast != null) {
                return fast;
            }
        }
        return field("timestamp") instanceof String s ? parseInstant(s) : null;
    }

    /** A top-level JSON field, or null when absent or the line is not a JSON object. */
    Object field(String name) {
        Map<String, Object> all = fields();
        return all == null ? null : all.get(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> fields() {
        if (!parsed) {
            parsed = true;
            try {
                if (Json.read(text()) instanceof Map<?, ?> map) {
                    fields = (Map<String, Object>) map;
                }
            } catch (IllegalArgumentException notJson) {
                fields = null;
            }
        }
        return fields;
    }

    private boolean startsWith(byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
