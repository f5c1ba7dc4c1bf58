package io.lethe.debugger.trace;

import io.lethe.engine.retention.NameFields;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValueRedactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Debug traces as a purge target ({@value #NAME}):
 * <ul>
 *   <li>{@link PurgeScope.Traces}: deletes the traces of a sequence (or all) started in a time range;</li>
 *   <li>{@link PurgeScope.Value}: <em>redacts in place</em> every occurrence of the value (ignoring
 *       case, also in its JSON-escaped form, inside values stored as JSON text, error messages,
 *       console lines and keys), keeping the rest of the trace useful; counted as changed.</li>
 * </ul>
 * Both are idempotent: a second execute finds nothing, and verify counts what still matches.
 */
public final class TracePurgeTarget implements PurgeTarget {

    public static final String NAME = "debug-traces";

    private final TraceStore store;
    private final Runnable pending;

    /**
     * @param pending writes the traces still queued (the writer holds a busy sequence's for up to a second): a run
     *                just before the purge must not land its trace after it
     */
    public TracePurgeTarget(TraceStore store, Runnable pending) {
        this.store = store;
        this.pending = pending;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> collections() {
        return Set.of(TraceStore.COLLECTION);
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Traces || scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return verify(scope);
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        pending.run();
        return switch (scope) {
            case PurgeScope.Traces t -> new PurgeCounts(0, store.deleteAll(TraceStore.range(t.sequence(), t.from(), t.to())));
            case PurgeScope.Value v -> new PurgeCounts(redactEverywhere(redactors(v)), 0);
            default -> PurgeCounts.NONE;
        };
    }

    @Override
    public long verify(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Traces t -> store.count(TraceStore.range(t.sequence(), t.from(), t.to()));
            case PurgeScope.Value v -> countMatching(redactors(v));
            default -> 0;
        };
    }

    private long countMatching(List<ValueRedactor> redactors) {
        long[] n = {0};
        store.forEach(doc -> {
            if (redactors.stream().anyMatch(r -> NameFields.occursIn(r, TraceStore.COLLECTION, doc))) {
                n[0]++;
            }
        });
        return n[0];
    }

    private long redactEverywhere(List<ValueRedactor> redactors) {
        List<Object> ids = new ArrayList<>();
        store.forEach(doc -> {
            if (redactors.stream().anyMatch(r -> NameFields.occursIn(r, TraceStore.COLLECTION, doc))) {
                ids.add(doc.get("_id"));
            }
        });
        long changed = 0;
        for (Object id : ids) {
            Document doc = store.find(String.valueOf(id)).orElse(null);
            if (doc == null || redactors.stream().noneMatch(r -> NameFields.occursIn(r, TraceStore.COLLECTION, doc))) {
                continue; // deleted or redacted meanwhile
            }
            Document out = doc;
            for (ValueRedactor r : redactors) {
                out = NameFields.redact(r, TraceStore.COLLECTION, out);
            }
            out.put("_id", id);
            store.replace(out);
            changed++;
        }
        return changed;
    }

    /** The search for the scope's values (as written, escaped as JSON text holds them, percent-encoded: {@link ValueRedactor}). */
    private static List<ValueRedactor> redactors(PurgeScope.Value scope) {
        return List.of(ValueRedactor.of(scope));
    }
}
