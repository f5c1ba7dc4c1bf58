package io.lethe.engine.model;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.json.StorableValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Checks model definitions and instance data against them, naming the attribute at fault and why. */
public final class ModelValidator {

    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    public static final int MAX_ATTRIBUTES = 200;

    private ModelValidator() {
    }

    /** Not a name for a model or a sequence: the UI's address of the page that creates one ends so. */
    public static final String RESERVED_NAME = "new";

    /** Why a nested key beginning with '$' is refused in instance data and query values. */
    public static final String OPERATOR_KEY = "a key may not begin with '$' (the database would read it as an operator)";

    /**
     * Problems with a model definition. {@code modelExists} says whether a referenced model exists
     * (a model may refer to itself).
     */
    public static List<FieldError> validate(Model model, Predicate<String> modelExists) {
        List<FieldError> errors = new ArrayList<>();
        if (model.name() == null || !NAME.matcher(model.name()).matches()) {
            errors.add(new FieldError("/name", "must start with a letter and hold at most 64 letters, digits or '_'"));
        } else if (model.name().equals(RESERVED_NAME)) {
            errors.add(new FieldError("/name", "'new' is reserved: the UI's page for a new model is /models/new"));
        }
        if (model.attributes().size() > MAX_ATTRIBUTES) {
            errors.add(new FieldError("/attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
        }
        if (model.retentionDays() != null && (model.retentionDays() < 1 || model.retentionDays() > Model.MAX_RETENTION_DAYS)) {
            errors.add(new FieldError("/retentionDays", "keep instances 1 to " + Model.MAX_RETENTION_DAYS
                    + " days after their last change, or leave it out to keep them until deleted"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < model.attributes().size(); i++) {
            Attribute a = model.attributes().get(i);
            String at = "/attributes/" + i;
            if (a.name() == null || !NAME.matcher(a.name()).matches()) {
                errors.add(new FieldError(at + "/name", "must start with a letter and hold at most 64 letters, digits or '_'"));
            } else if (!seen.add(a.name().toLowerCase(Locale.ROOT))) { // redaction reads names without case: A1 and a1 are one
                errors.add(new FieldError(at + "/name", "'" + a.name() + "' is defined twice (names differing only in case are the same)"));
            }
            if (a.type() == null) {
                errors.add(new FieldError(at + "/type", "is required"));
                continue;
            }
            if (a.type() == AttributeType.REFERENCE) {
                if (a.reference() == null) {
                    errors.add(new FieldError(at + "/reference", "a reference attribute names the model it refers to"));
                } else if (!a.reference().equals(model.name()) && !modelExists.test(a.reference())) {
                    errors.add(new FieldError(at + "/reference", "no model '" + a.reference() + "'"));
                }
            } else if (a.reference() != null) {
                errors.add(new FieldError(at + "/reference", "only reference attributes name a model"));
            }
            if (a.defaultValue() != null && !a.type().accepts(a.defaultValue())) {
                errors.add(new FieldError(at + "/defaultValue", "is not a valid " + a.type().label()));
            } else if (a.defaultValue() != null) {
                valueProblem(a.defaultValue(), at + "/defaultValue").ifPresent(errors::add);
            }
        }
        return errors;
    }

    /**
     * Problems with instance data. A {@code partial} update may omit required attributes but may
     * not set them to null.
     */
    public static List<FieldError> validateData(Model model, Map<String, Object> data, boolean partial) {
        List<FieldError> errors = new ArrayList<>();
        for (var entry : data.entrySet()) {
            var attribute = model.attribute(entry.getKey());
            String at = "/" + entry.getKey();
            if (attribute.isEmpty()) {
                errors.add(new FieldError(at, "model '" + model.name() + "' has no attribute '" + entry.getKey() + "'"));
            } else if (entry.getValue() == null) {
                if (attribute.get().required()) {
                    errors.add(new FieldError(at, "is required and cannot be null"));
                }
            } else if (!attribute.get().type().accepts(entry.getValue())) {
                errors.add(new FieldError(at, mustBe(attribute.get().type())));
            } else {
                valueProblem(entry.getValue(), at).ifPresent(errors::add);
            }
        }
        if (!partial) {
            for (Attribute a : model.attributes()) {
                if (a.required() && !data.containsKey(a.name())) {
                    errors.add(new FieldError("/" + a.name(), "is required"));
                }
            }
        }
        return errors;
    }

    /** A key the database would read as an operator, or what it cannot store (see {@link StorableValues}). */
    private static Optional<FieldError> valueProblem(Object value, String at) {
        return operatorKey(value).map(key -> new FieldError(at + key, OPERATOR_KEY)).or(() -> StorableValues.problem(value, at));
    }

    /** What a value of the type must be, said to whoever gave another. */
    public static String mustBe(AttributeType type) {
        return "must be " + (type == AttributeType.OBJECT ? "an " : "a ") + type.label()
                + (type == AttributeType.DATE ? " (ISO-8601 with offset, e.g. 2026-01-31T12:00:00Z, or a day, 2026-01-31)"
                        : type == AttributeType.REFERENCE ? " (the id of an instance)" : "");
    }

    /**
     * The pointer (below the value) to the first key of a nested object that begins with '$', if any: such a
     * key would be read as an operator by the database when the value is queried or updated (a real MongoDB
     * refuses to update it; a query given it matches by the operator, not by the value).
     */
    public static Optional<String> operatorKey(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.startsWith("$")) {
                    return Optional.of("/" + key);
                }
                Optional<String> below = operatorKey(entry.getValue());
                if (below.isPresent()) {
                    return Optional.of("/" + key + below.get());
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> below = operatorKey(list.get(i));
                if (below.isPresent()) {
                    return Optional.of("/" + i + below.get());
                }
            }
        }
        return Optional.empty();
    }
}
