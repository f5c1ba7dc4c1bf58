package io.lethe.engine.backup;

import io.lethe.engine.instance.Condition;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.regex.SafeRegex;
import io.lethe.engine.retention.AttributePurge;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A {@link PurgeScope.Subject} applied to archived instance documents ({@code {_id, model, data, ...}}):
 * an instance is selected by the model and by {@code all}, its id, or the {@code where} conditions evaluated
 * here in memory (the archive is not a database). Ids come first: a purge resolves its selector to ids before
 * it runs, and an archive may hold an old state of an instance that no longer matches the filter.
 */
final class ArchivedInstances {

    static final String COLLECTION = "instances";

    private final PurgeScope.Subject scope;
    private final List<Condition> where;
    private final boolean delete;

    ArchivedInstances(PurgeScope.Subject scope) {
        this.scope = scope;
        this.where = Conditions.parse(scope.where());
        this.delete = scope.attributes().containsValue(PurgeStrategy.DELETE);
    }

    /** Whether this document is a selected instance whose purge is not yet done. */
    boolean needsPurge(String collection, Document doc) {
        if (!COLLECTION.equals(collection) || !scope.model().equals(doc.getString("model")) || !selected(doc)) {
            return false;
        }
        return delete || !scope.attributes().keySet().stream().allMatch(a -> AttributePurge.isPurged(data(doc).get(a)));
    }

    /** The document purged: null when the instance goes, else a copy with each chosen attribute overwritten. */
    Document purge(Document doc, AttributePurge purge) {
        if (delete) {
            return null;
        }
        Document data = new Document(data(doc));
        scope.attributes().forEach((attribute, strategy) -> data.put(attribute, purge.overwrite(data.get(attribute), strategy)));
        Document copy = new Document(doc);
        copy.put("data", data);
        return copy;
    }

    private boolean selected(Document doc) {
        if (scope.all() || scope.ids().contains(String.valueOf(doc.get("_id")))) {
            return true;
        }
        Document data = data(doc);
        return !where.isEmpty() && where.stream().allMatch(c -> matches(c, data.get(c.attribute())));
    }

    private static Document data(Document doc) {
        return doc.get("data") instanceof Document d ? d : new Document();
    }

    private static boolean matches(Condition condition, Object value) {
        return switch (condition) {
            case Condition.Equals eq -> same(value, eq.value());
            case Condition.In in -> in.values().stream().anyMatch(v -> same(value, v));
            case Condition.Range r -> value != null
                    && (r.greaterThan() == null || compare(value, r.greaterThan()) > 0)
                    && (r.atLeast() == null || compare(value, r.atLeast()) >= 0)
                    && (r.lessThan() == null || compare(value, r.lessThan()) < 0)
                    && (r.atMost() == null || compare(value, r.atMost()) <= 0)
                    && comparable(value, r);
            case Condition.Matches m -> value instanceof String s && SafeRegex.compile(m.pattern(), m.ignoreCase()).matcher(s).find();
        };
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b) || (a instanceof Map<?, ?> && b instanceof Map<?, ?> && a.equals(b));
    }

    /** Numbers by value, strings lexically (anything else is ruled out by {@link #comparable}). */
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return a instanceof String x && b instanceof String y ? x.compareTo(y) : 0;
    }

    /** Whether every bound has the value's kind (number or string), as a database range query requires. */
    private static boolean comparable(Object value, Condition.Range r) {
        return Stream.of(r.greaterThan(), r.atLeast(), r.lessThan(), r.atMost()).filter(Objects::nonNull)
                .allMatch(b -> (value instanceof Number && b instanceof Number) || (value instanceof String && b instanceof String));
    }
}
