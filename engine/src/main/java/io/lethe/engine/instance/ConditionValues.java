package io.lethe.engine.instance;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.ModelValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the values of {@code where} conditions against the attributes they filter: a value of another type
 * matched nothing without a word (a number given as "35"), and an object holding '$' keys was read by the
 * database as an operator ({@code {"email": {"eq": {"$ne": 1}}}} matched every instance: a purge scope so
 * written would overwrite them all). A list attribute may also be compared with one element.
 */
final class ConditionValues {

    private ConditionValues() {
    }

    /** Throws {@link InvalidInputException} naming every value at fault. */
    static void check(Model model, List<Condition> conditions) {
        List<FieldError> errors = new ArrayList<>();
        for (Condition condition : conditions) {
            Attribute attribute = model.attribute(condition.attribute()).orElseThrow();
            String at = "/where/" + condition.attribute();
            switch (condition) {
                case Condition.Equals eq -> check(attribute, at, eq.value(), errors);
                case Condition.In in -> {
                    for (int i = 0; i < in.values().size(); i++) {
                        check(attribute, at + "/in/" + i, in.values().get(i), errors);
                    }
                }
                case Condition.Range r -> {
                    bound(attribute, at + "/gt", r.greaterThan(), errors);
                    bound(attribute, at + "/gte", r.atLeast(), errors);
                    bound(attribute, at + "/lt", r.lessThan(), errors);
                    bound(attribute, at + "/lte", r.atMost(), errors);
                }
                case Condition.Matches m -> {
                    if (!textual(attribute.type())) {
                        errors.add(new FieldError(at + "/regex", "matches text only: '" + attribute.name() + "' is a "
                                + attribute.type().label()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void bound(Attribute attribute, String at, Object value, List<FieldError> errors) {
        if (value != null) {
            check(attribute, at, value, errors);
        }
    }

    /** Null matches an absent value. */
    private static void check(Attribute attribute, String at, Object value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        AttributeType type = attribute.type();
        boolean element = type == AttributeType.LIST && !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
        if (!type.accepts(value) && !element) {
            errors.add(new FieldError(at, ModelValidator.mustBe(type) + (type == AttributeType.LIST ? " or one element" : "")));
            return;
        }
        ModelValidator.operatorKey(value).ifPresent(key -> errors.add(new FieldError(at + key, ModelValidator.OPERATOR_KEY)));
    }

    private static boolean textual(AttributeType type) {
        return type == AttributeType.STRING || type == AttributeType.REFERENCE || type == AttributeType.LIST || type == AttributeType.DATE;
    }
}
