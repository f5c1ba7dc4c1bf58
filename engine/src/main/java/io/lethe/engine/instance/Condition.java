package io.lethe.engine.instance;

import java.util.List;

/** One filter on an attribute of instances. */
public sealed interface Condition {

    String attribute();

    /** The attribute equals the value. */
    record Equals(String attribute, Object value) implements Condition {
    }

    /** The attribute equals one of the values. */
    record In(String attribute, List<Object> values) implements Condition {
    }

    /** The attribute lies in a range; null bounds are open. */
    record Range(String attribute, Object greaterThan, Object atLeast, Object lessThan, Object atMost) implements Condition {
    }

    /** The (string) attribute matches a regular expression. */
    record Matches(String attribute, String pattern, boolean ignoreCase) implements Condition {
    }
}
