package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A {@link PurgeScope.Value} purge over some fields of one collection: counts the documents in which
 * the value occurs and redacts it in place, field by field, keeping every other byte of the
 * document (dates stay dates). Scans the collection: purges are rare, correctness comes first.
 */
public final class ValueScan {

    private final MongoCollection<Document> collection;
    private final List<String> fields;
    private final Function<Document, List<Bson>> alsoSet;

    /**
     * @param fields  the top-level fields searched and redacted
     * @param alsoSet extra updates for a redacted document (e.g. mark a version as redacted)
     */
    public ValueScan(MongoCollection<Document> collection, List<String> fields, Function<Document, List<Bson>> alsoSet) {
        this.collection = collection;
        this.fields = List.copyOf(fields);
        this.alsoSet = alsoSet;
    }

    public ValueScan(MongoCollection<Document> collection, List<String> fields) {
        this(collection, fields, d -> List.of());
    }

    public long count(ValueRedactor redactor) {
        long found = 0;
        for (Document doc : collection.find()) {
            if (fields.stream().anyMatch(f -> redactor.occursIn(doc.get(f)))) {
                found++;
            }
        }
        return found;
    }

    /** Redacts every occurrence; returns the ids of the documents changed. */
    public List<Object> redact(ValueRedactor redactor) {
        List<Object> changed = new ArrayList<>();
        for (Document doc : collection.find().into(new ArrayList<>())) {
            List<Bson> sets = new ArrayList<>();
            for (String field : fields) {
                if (redactor.occursIn(doc.get(field))) {
                    sets.add(Updates.set(field, redactor.redact(doc.get(field))));
                }
            }
            if (!sets.isEmpty()) {
                sets.addAll(alsoSet.apply(doc));
                collection.updateOne(Filters.eq("_id", doc.get("_id")), Updates.combine(sets));
                changed.add(doc.get("_id"));
            }
        }
        return changed;
    }
}
