package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * A store that only needs {@link PurgeScope.Value} purges: the value is redacted in place in the
 * given fields of its collection (models, sequences, connector accounts, execution records...).
 * {@code onChanged} hears the ids of changed documents (e.g. to drop compiled caches). Connector
 * secret header values are encrypted at rest and never searched.
 */
public final class ValuePurgeTarget implements PurgeTarget {

    private final String name;
    private final String collection;
    private final ValueScan scan;
    private final Consumer<List<Object>> onChanged;
    private final boolean rekey;

    /**
     * @param rekey whether the collection is keyed by names that may hold the value (models, sequences,
     *              connector accounts): such a document is stored again under its redacted name
     */
    public ValuePurgeTarget(String name, MongoCollection<Document> collection, List<String> fields, boolean rekey,
            Consumer<List<Object>> onChanged) {
        this.name = name;
        this.collection = collection.getNamespace().getCollectionName();
        this.scan = new ValueScan(collection, fields, d -> List.of(), rekey);
        this.onChanged = onChanged;
        this.rekey = rekey;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> collections() {
        return Set.of(collection);
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return scope instanceof PurgeScope.Value v ? scan.count(ValueRedactor.of(v)) : 0;
    }

    /**
     * In a collection keyed by names (designs), the names of those that would change, for the admin to review before
     * approving (a word such as a first name may sit in many designs); each name shown with the value redacted.
     */
    @Override
    public List<String> planItems(PurgeScope scope) {
        if (!rekey || !(scope instanceof PurgeScope.Value v)) {
            return List.of();
        }
        ValueRedactor redactor = ValueRedactor.of(v);
        return PurgeTarget.firstItems(scan.holders(redactor).stream().map(id -> String.valueOf(redactor.redact(String.valueOf(id))))
                .toList());
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        if (!(scope instanceof PurgeScope.Value v)) {
            return PurgeCounts.NONE;
        }
        List<Object> changed = scan.redact(ValueRedactor.of(v));
        if (!changed.isEmpty()) {
            onChanged.accept(changed);
        }
        return new PurgeCounts(changed.size(), 0);
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }
}
