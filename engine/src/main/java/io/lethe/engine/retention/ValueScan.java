package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A {@link PurgeScope.Value} purge over some fields of one collection: counts the documents in which
 * the value occurs and redacts it in place, field by field (names as names, see {@link NameFields}), keeping every
 * other byte of the document (dates stay dates). In collections keyed by a name ({@code rekey}), a document whose id
 * holds the value is stored again under the redacted id. Scans the collection: purges are rare,
 * correctness comes first.
 */
public final class ValueScan {

    private final MongoCollection<Document> collection;
    private final String name;
    private final List<String> fields;
    private final Function<Document, List<Bson>> alsoSet;
    private final boolean rekey;

    /**
     * @param fields  the top-level fields searched and redacted
     * @param alsoSet extra updates for a redacted document (e.g. mark a version as redacted)
     * @param rekey   whether ids are names that may hold the value
     */
    public ValueScan(MongoCollection<Document> collection, List<String> fields, Function<Document, List<Bson>> alsoSet, boolean rekey) {
        this.collection = collection;
        this.name = collection.getNamespace().getCollectionName();
        this.fields = List.copyOf(fields);
        this.alsoSet = alsoSet;
        this.rekey = rekey;
    }

    public ValueScan(MongoCollection<Document> collection, List<String> fields) {
        this(collection, fields, d -> List.of(), false);
    }

    public long count(ValueRedactor redactor) {
        return holders(redactor).size();
    }

    /** The ids of the documents in which the value occurs. */
    public Set<Object> holders(ValueRedactor redactor) {
        Set<Object> ids = new HashSet<>();
        for (Document doc : collection.find()) {
            if (holds(doc, redactor)) {
                ids.add(doc.get("_id"));
            }
        }
        return ids;
    }

    /** Redacts every occurrence; returns the (new) ids of the documents changed. */
    public List<Object> redact(ValueRedactor redactor) {
        List<Object> changed = new ArrayList<>();
        for (Document doc : collection.find().into(new ArrayList<>())) {
            if (!holds(doc, redactor)) {
                continue;
            }
            Object id = doc.get("_id");
            if (rekey && NameFields.occursIn(redactor, name, "_id", id)) {
                id = moveToRedactedId(doc, redactor);
            }
            List<Bson> sets = new ArrayList<>();
            for (String field : fields) {
                if (NameFields.occursIn(redactor, name, field, doc.get(field))) {
                    sets.add(Updates.set(field, NameFields.redact(redactor, name, field, doc.get(field))));
                }
            }
            sets.addAll(alsoSet.apply(doc));
            if (!sets.isEmpty()) {
                collection.updateOne(Filters.eq("_id", id), Updates.combine(sets));
            }
            changed.add(id);
        }
        return changed;
    }

    private boolean holds(Document doc, ValueRedactor redactor) {
        return fields.stream().anyMatch(f -> NameFields.occursIn(redactor, name, f, doc.get(f)))
                || (rekey && NameFields.occursIn(redactor, name, "_id", doc.get("_id")));
    }

    /** Stores the document again under its redacted id and deletes the original; returns the new id. */
    private Object moveToRedactedId(Document doc, ValueRedactor redactor) {
        Object redactedId = NameFields.redact(redactor, name, "_id", doc.get("_id"));
        if (collection.countDocuments(Filters.eq("_id", redactedId)) == 0) {
            Document copy = new Document(doc);
            copy.put("_id", redactedId);
            collection.insertOne(copy);
        }
        collection.deleteOne(Filters.eq("_id", doc.get("_id")));
        return redactedId;
    }
}
