package io.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The kind of value an attribute holds. Dates are ISO-8601 instants, stored normalised to UTC millis. */
public enum AttributeType {
    STRING, NUMBER, BOOLEAN, DATE, OBJECT, LIST, REFERENCE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AttributeType parse(String label) {
        for (AttributeType type : values()) {
            if (type.label().equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown attribute type '" + label + "' (string, number, boolean, date, object, list, reference)");
    }

    /** Whether {@code value} (never null) is acceptable for this type. */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING, REFERENCE -> value instanceof String;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case DATE -> value instanceof String s && Dates.parse(s).isPresent();
            case OBJECT -> value instanceof Map<?, ?>;
            case LIST -> value instanceof List<?>;
        };
    }
}
