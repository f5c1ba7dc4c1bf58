package io.lethe.engine.instance;

import com.google.re2j.Pattern;
import io.lethe.engine.regex.SafeRegex;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The {@code regex} conditions of a filter, matched by Lethe in linear time ({@link SafeRegex}) on the instances the
 * other conditions found, never by the database: its backtracking engine cannot be interrupted.
 *
 * @param inDatabase the conditions the database evaluates
 * @param patterns   the regex conditions, compiled
 */
record TextPatterns(List<Condition> inDatabase, List<Compiled> patterns) {

    /** One regex condition, compiled. */
    record Compiled(String attribute, Pattern pattern) {
    }

    static TextPatterns of(List<Condition> conditions) {
        List<Condition> inDatabase = new ArrayList<>();
        List<Compiled> patterns = new ArrayList<>();
        for (Condition condition : conditions) {
            if (condition instanceof Condition.Matches m) {
                patterns.add(new Compiled(m.attribute(), SafeRegex.compile(m.pattern(), m.ignoreCase())));
            } else {
                inDatabase.add(condition);
            }
        }
        return new TextPatterns(List.copyOf(inDatabase), List.copyOf(patterns));
    }

    boolean none() {
        return patterns.isEmpty();
    }

    /** Whether every pattern is found in the instance's value of its attribute (text only, as {@code $regex}). */
    boolean matches(Document instance) {
        Document data = instance.get("data", Document.class);
        for (Compiled compiled : patterns) {
            if (!(data != null && data.get(compiled.attribute()) instanceof String text && compiled.pattern().matcher(text).find())) {
                return false;
            }
        }
        return true;
    }

    /** The fields {@link #matches} reads, for a projection. */
    Document fields() {
        Document fields = new Document("_id", 1);
        patterns.forEach(p -> fields.append("data." + p.attribute(), 1));
        return fields;
    }
}
