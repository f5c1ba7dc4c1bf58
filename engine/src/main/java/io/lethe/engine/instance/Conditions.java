package io.lethe.engine.instance;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.regex.SafeRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code where} object (instance blocks, the instance API, purge scopes): {@code {attr: value}} for equality or
 * {@code {attr: {op: value}}} with op one of eq, in, gt, gte, lt, lte, regex.
 */
public final class Conditions {

    private Conditions() {
    }

    /** The conditions of a parsed {@code where} object; null means none. */
    public static List<Condition> parse(Object resolved) {
        List<Condition> conditions = new ArrayList<>();
        if (resolved == null) {
            return conditions;
        }
        if (!(resolved instanceof Map<?, ?> where)) {
            throw InvalidInputException.of("/where", "must be an object of attribute conditions");
        }
        for (var entry : where.entrySet()) {
            String attribute = String.valueOf(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> ops) {
                for (var op : ops.entrySet()) {
                    conditions.add(condition(attribute, String.valueOf(op.getKey()), op.getValue()));
                }
            } else {
                conditions.add(new Condition.Equals(attribute, entry.getValue()));
            }
        }
        return conditions;
    }

    private static Condition condition(String attribute, String op, Object value) {
        return switch (op) {
            case "eq" -> new Condition.Equals(attribute, value);
            case "in" -> {
                List<Object> values = new ArrayList<>(); // may hold null (an absent value), which List.of refuses
                if (value instanceof List<?> l) {
                    values.addAll(l);
                } else {
                    values.add(value);
                }
                yield new Condition.In(attribute, values);
            }
            case "gt" -> new Condition.Range(attribute, value, null, null, null);
            case "gte" -> new Condition.Range(attribute, null, value, null, null);
            case "lt" -> new Condition.Range(attribute, null, null, value, null);
            case "lte" -> new Condition.Range(attribute, null, null, null, value);
            case "regex" -> {
                if (!(value instanceof String pattern)) {
                    throw InvalidInputException.of("/where/" + attribute + "/regex", "must be a pattern (text)");
                }
                SafeRegex.problem(pattern).ifPresent(problem -> {
                    throw InvalidInputException.of("/where/" + attribute + "/regex", problem);
                });
                yield new Condition.Matches(attribute, pattern, false);
            }
            default -> throw InvalidInputException.of("/where/" + attribute + "/" + op,
                    "unknown operator (eq, in, gt, gte, lt, lte, regex)");
        };
    }
}
