package io.lethe.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON text to and from the engine's plain values: {@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A record (or any bean) as plain maps and lists. */
    public static Object toPlain(Object value) {
        return MAPPER.convertValue(value, Object.class);
    }

    /** Plain maps and lists as {@code type}; mismatches become {@link IllegalArgumentException}. */
    public static <T> T convert(Object plain, Class<T> type) {
        return MAPPER.convertValue(plain, type);
    }

    /** A deep copy made of fresh maps and lists, so no caller shares structure with another. */
    public static Object copy(Object value) {
        return value == null ? null : read(write(value));
    }
}
