package io.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field of a model.
 *
 * @param defaultValue used when a new instance omits the attribute (may be null)
 * @param reference    for {@code reference} attributes, the name of the model referred to
 * @param indexed      whether queries on it get an index (a real MongoDB uses it; the embedded one scans)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attribute(
        String name,
        AttributeType type,
        boolean required,
        Object defaultValue,
        Sensitivity sensitivity,
        boolean indexed,
        String reference) {

    public Attribute {
        sensitivity = sensitivity == null ? Sensitivity.NONE : sensitivity;
    }

    public static Attribute of(String name, AttributeType type) {
        return new Attribute(name, type, false, null, Sensitivity.NONE, false, null);
    }

    public Attribute required(boolean value) {
        return new Attribute(name, type, value, defaultValue, sensitivity, indexed, reference);
    }

    public Attribute sensitivity(Sensitivity value) {
        return new Attribute(name, type, required, defaultValue, value, indexed, reference);
    }

    public Attribute indexed(boolean value) {
        return new Attribute(name, type, required, defaultValue, sensitivity, value, reference);
    }

    public Attribute defaultValue(Object value) {
        return new Attribute(name, type, required, value, sensitivity, indexed, reference);
    }

    public Attribute reference(String model) {
        return new Attribute(name, type, required, defaultValue, sensitivity, indexed, model);
    }
}
