package io.lethe.engine.sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a block type's config: what the UI palette renders as a form and what save-time
 * validation checks generically (unknown keys, required fields, literal types, code syntax,
 * references to models, sequences, connectors and blocks). {@link #toJsonSchema()} gives the
 * JSON Schema form for the API.
 */
public record ConfigSchema(List<Field> fields) {

    /** What a field holds. Every kind but CODE and EXPRESSION may contain {@code {{...}}} expressions. */
    public enum Kind {
        TEXT, NUMBER, BOOLEAN, VALUE, MAP, CODE, EXPRESSION, MODEL, SEQUENCE, CONNECTOR, BLOCK, CHOICE
    }

    /**
     * One config key. {@code choices} lists allowed values for {@link Kind#CHOICE}; {@code fixed}: a number or flag
     * read when the sequence is saved, which takes no {@code {{...}}} expression.
     */
    public record Field(String name, Kind kind, boolean required, String description, List<String> choices, boolean fixed) {
    }

    public ConfigSchema {
        fields = List.copyOf(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** JSON Schema (draft 2020-12) of the config, with an {@code x-lethe-kind} hint per property for the UI. */
    public Map<String, Object> toJsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field f : fields) {
            Map<String, Object> p = new LinkedHashMap<>();
            switch (f.kind()) {
                case NUMBER -> p.put("type", f.fixed() ? "number" : List.of("number", "string"));
                case BOOLEAN -> p.put("type", f.fixed() ? "boolean" : List.of("boolean", "string"));
                case MAP -> p.put("type", "object");
                case VALUE -> { }
                case CHOICE -> p.put("enum", f.choices());
                default -> p.put("type", "string");
            }
            p.put("description", f.description());
            p.put("x-lethe-kind", f.kind().name().toLowerCase(Locale.ROOT));
            properties.put(f.name(), p);
            if (f.required()) {
                required.add(f.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** Fluent construction: {@code ConfigSchema.builder().required("model", Kind.MODEL, "...").build()}. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Builder required(String name, Kind kind, String description) {
            fields.add(new Field(name, kind, true, description, List.of(), false));
            return this;
        }

        public Builder optional(String name, Kind kind, String description) {
            fields.add(new Field(name, kind, false, description, List.of(), false));
            return this;
        }

        /** An optional number or flag fixed in the design (no expression). */
        public Builder optionalFixed(String name, Kind kind, String description) {
            fields.add(new Field(name, kind, false, description, List.of(), true));
            return this;
        }

        public Builder choice(String name, boolean required, String description, String... choices) {
            fields.add(new Field(name, Kind.CHOICE, required, description, List.of(choices), false));
            return this;
        }

        public ConfigSchema build() {
            return new ConfigSchema(fields);
        }
    }
}
