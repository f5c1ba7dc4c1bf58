package io.lethe.http;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lethe.engine.json.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of the request bodies the API reads into Java types (records, their lists, maps and enums, sealed types
 * told apart by a {@code type} property), for the OpenAPI document: each record once, under
 * {@code #/components/schemas/<its simple name>}. Bodies are read strictly, so records allow no other properties.
 */
final class JsonSchemas {

    private final Map<String, Object> components;

    /** @param components where record schemas go (filled as types are met) */
    JsonSchemas(Map<String, Object> components) {
        this.components = components;
    }

    /** The schema of {@code type}: a reference for a record or a sealed type, inline for the rest. */
    Map<String, Object> of(Type type) {
        if (type instanceof WildcardType w) {
            return of(w.getUpperBounds()[0]);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", of(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", of(p.getActualTypeArguments()[1]));
            }
            return of(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of();
        }
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == Double.class || Number.class.isAssignableFrom(c)) {
            return Map.of("type", "number");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(e -> Json.write(e).replace("\"", "")).toList());
        }
        if (c.isRecord() || c.isSealed()) {
            String name = c.getEnclosingClass() == null ? c.getSimpleName() : c.getEnclosingClass().getSimpleName() + c.getSimpleName();
            if (!components.containsKey(name)) {
                components.put(name, Map.of()); // a record that holds itself refers to its own name
                components.put(name, c.isRecord() ? record(c) : sealed(c));
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of(); // anything (an object, a value of any type)
    }

    private Map<String, Object> record(Class<?> c) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : c.getRecordComponents()) {
            properties.put(component.getName(), of(component.getGenericType()));
        }
        if (c.getEnclosingClass() != null && c.getEnclosingClass().getAnnotation(JsonTypeInfo.class) instanceof JsonTypeInfo info) {
            properties.put(info.property(), Map.of("type", "string", "const", subtypeName(c.getEnclosingClass(), c)));
        }
        return Map.of("type", "object", "properties", properties, "additionalProperties", false);
    }

    private Map<String, Object> sealed(Class<?> c) {
        List<Object> oneOf = new ArrayList<>();
        for (Class<?> subtype : c.getPermittedSubclasses()) {
            oneOf.add(of(subtype));
        }
        return Map.of("oneOf", oneOf);
    }

    private static String subtypeName(Class<?> parent, Class<?> subtype) {
        JsonSubTypes subtypes = parent.getAnnotation(JsonSubTypes.class);
        return subtypes == null ? subtype.getSimpleName() : Arrays.stream(subtypes.value()).filter(t -> t.value() == subtype)
                .map(JsonSubTypes.Type::name).findFirst().orElse(subtype.getSimpleName());
    }
}
