package io.lethe.engine.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lethe.engine.failure.InvalidInputException;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * JSON text to and from the engine's plain values: {@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    /**
     * For request bodies: a whole number where one is expected (1.5 days is refused, not read as 1), text where text is
     * ({@code "description": 5} is refused, not read as "5"), and no number or boolean given as text ({@code "5"}).
     */
    private static final ObjectMapper STRICT = strict(MAPPER.copy().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT));
    private static final ObjectMapper CANONICAL = MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);

    private Json() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    public static String write(Object value) {
        String plain = PlainWriter.write(MAPPER.getFactory(), value);
        if (plain != null) {
            return plain;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON with map keys and properties sorted, so equal values give equal text (for hashes). */
    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON bytes (UTF-8) as plain values, without decoding them to a String first. */
    public static Object read(byte[] json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    public static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** What kind of JSON value it is, as a user reads it: "null", "a text", "a number", "a boolean", "a list", "an object". */
    public static String kind(Object value) {
        return switch (plain(value)) {
            case null -> "null";
            case String s -> "a text";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "a list";
            default -> "an object";
        };
    }

    /** A record (or any bean) as plain maps and lists. */
    public static Object toPlain(Object value) {
        return MAPPER.convertValue(value, Object.class);
    }

    /**
     * The value with every {@link RawJson} inside it parsed: plain maps, lists and scalars. Returns
     * the same object when there is nothing to unwrap.
     */
    public static Object plain(Object value) {
        return switch (value) {
            case RawJson raw -> raw.value();
            case Map<?, ?> map -> {
                Map<Object, Object> copy = null;
                for (var e : map.entrySet()) {
                    Object inner = plain(e.getValue());
                    if (inner != e.getValue() && copy == null) {
                        copy = new LinkedHashMap<>(map);
                    }
                    if (copy != null) {
                        copy.put(e.getKey(), inner);
                    }
                }
                yield copy == null ? map : copy;
            }
            case List<?> list -> {
                List<Object> copy = null;
                for (int i = 0; i < list.size(); i++) {
                    Object inner = plain(list.get(i));
                    if (inner != list.get(i) && copy == null) {
                        copy = new ArrayList<>(list);
                    }
                    if (copy != null) {
                        copy.set(i, inner);
                    }
                }
                yield copy == null ? list : copy;
            }
            case null -> null;
            default -> value;
        };
    }

    /** A record as a plain map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plainMap(Object value) {
        return (Map<String, Object>) MAPPER.convertValue(value, Map.class);
    }

    /** Plain maps and lists as {@code type}; mismatches become {@link IllegalArgumentException}. */
    public static <T> T convert(Object plain, Class<T> type) {
        return MAPPER.convertValue(plain, type);
    }

    /**
     * Plain maps and lists (a request body) as {@code type}, strictly: unknown fields, mistyped
     * values and fractions where a whole number belongs become an {@link InvalidInputException} naming the field.
     */
    public static <T> T parse(Object plain, Class<T> type) {
        try {
            return STRICT.convertValue(plain, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException mapping) {
                StringBuilder pointer = new StringBuilder();
                for (var ref : mapping.getPath()) {
                    pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
                }
                if (mapping instanceof InvalidTypeIdException typeId) {
                    throw unknownType(pointer.toString(), typeId);
                }
                if (rootCause(mapping) instanceof NullPointerException) { // a null where a record needs an object
                    throw InvalidInputException.of(nullItem(plain, "").orElse(pointer.toString()), "must not be null");
                }
                throw InvalidInputException.of(pointer.toString(), reason(mapping));
            }
            throw e;
        }
    }

    /** A missing or unknown type of a polymorphic value (a trigger, a purge scope), with the known ones. */
    private static InvalidInputException unknownType(String pointer,
            InvalidTypeIdException e) {
        var info = e.getBaseType() == null ? null
                : e.getBaseType().getRawClass().getAnnotation(JsonTypeInfo.class);
        String property = info == null ? "type" : info.property();
        String message = String.valueOf(e.getOriginalMessage());
        int known = message.indexOf("known type ids = [");
        String choices = known < 0 ? "" : " (" + message.substring(known + 18, message.indexOf(']', known)) + ")";
        return InvalidInputException.of(pointer + "/" + property, e.getTypeId() == null
                ? "is required" + choices
                : "unknown " + property + " '" + e.getTypeId() + "'" + choices);
    }

    /** The pointer to the first null item of an array in {@code plain}, if any. */
    private static Optional<String> nullItem(Object plain, String at) {
        return switch (plain) {
            case Map<?, ?> map -> map.entrySet().stream().map(e -> nullItem(e.getValue(), at + "/" + e.getKey()))
                    .flatMap(Optional::stream).findFirst();
            case List<?> list -> IntStream.range(0, list.size()).boxed()
                    .map(i -> list.get(i) == null ? Optional.of(at + "/" + i) : nullItem(list.get(i), at + "/" + i))
                    .flatMap(Optional::stream).findFirst();
            case null, default -> Optional.empty();
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        Throwable root = rootCause(e);
        if (root instanceof DateTimeParseException) { // the text is not echoed: refusals are logged
            return "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z";
        }
        if (root != e && root.getMessage() != null) {
            return root.getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + describe(m.getTargetType());
        }
        return String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("invalid value");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
