package io.lethe.engine.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lethe.engine.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * Forgets a value again when only its keyed hash is left (the purge ledger keeps nothing else): every
 * string field, at any depth, of every collection whose lower-cased keyed hash equals one of the hashes
 * is replaced by {@link ValueRedactor#REPLACEMENT}, and a staff account whose username it is removed
 * ({@link StaffAccounts}). It finds exact values only (an email attribute, an
 * account name), not the value inside longer text: occurrences in text are the reason backups are
 * rewritten at purge time.
 */
public final class HashedValueScan {

    private final Database database;
    private final Function<Object, String> hmac;
    private final Set<String> skipped;

    /**
     * @param hmac    the same keyed hash the purge used ({@code AttributePurge::hmac})
     * @param skipped collections not to touch (the ledger, the keys)
     */
    public HashedValueScan(Database database, Function<Object, String> hmac, Set<String> skipped) {
        this.database = database;
        this.hmac = hmac;
        this.skipped = Set.copyOf(skipped);
    }

    /** Redacts every exact occurrence; returns how many documents changed. */
    public long redact(Set<String> hashes) {
        if (hashes.isEmpty()) {
            return 0;
        }
        long changed = 0;
        for (String name : database.mongo().listCollectionNames().into(new ArrayList<>())) {
            if (skipped.contains(name) || name.startsWith("system.")) {
                continue;
            }
            MongoCollection<Document> collection = database.collection(name);
            for (Document doc : collection.find().into(new ArrayList<>())) {
                Object id = doc.get("_id");
                if (name.equals(StaffAccounts.COLLECTION) && walk(id, hashes) != id) {
                    collection.deleteOne(Filters.eq("_id", id)); // not kept under [redacted]: see StaffAccounts
                    changed++;
                    continue;
                }
                Object redacted = walk(doc, hashes);
                if (redacted != doc) {
                    Document next = (Document) redacted;
                    if (!next.get("_id").equals(id)) {
                        collection.deleteOne(Filters.eq("_id", id));
                        collection.insertOne(next);
                    } else {
                        collection.replaceOne(Filters.eq("_id", id), next);
                    }
                    changed++;
                }
            }
        }
        return changed;
    }

    /** The value with matching strings replaced; the very same object when nothing matched. */
    private Object walk(Object value, Set<String> hashes) {
        return switch (value) {
            case String s -> hashes.contains(hmac.apply(s.toLowerCase(Locale.ROOT))) ? ValueRedactor.REPLACEMENT : s;
            case Map<?, ?> map -> map.values().stream().anyMatch(v -> walk(v, hashes) != v) ? rebuilt(map, hashes) : value;
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                boolean changed = false;
                for (Object item : list) {
                    Object next = walk(item, hashes);
                    changed |= next != item;
                    out.add(next);
                }
                yield changed ? out : value;
            }
            case null -> null;
            default -> value;
        };
    }

    private Document rebuilt(Map<?, ?> map, Set<String> hashes) {
        Document out = new Document();
        map.forEach((k, v) -> out.put(String.valueOf(k), walk(v, hashes)));
        return out;
    }
}
