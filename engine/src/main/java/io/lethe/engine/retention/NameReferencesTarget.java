package io.lethe.engine.retention;

import io.lethe.engine.store.Database;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collections kept under the names of designs (a sequence's hook key, its run counts and schedule leases, the export
 * register; the debugger's windows and audit): a {@link PurgeScope.Value} purge that renames a design renames them
 * with it (see {@link NameFields}), so no old name is left behind and nothing loses its design. The same fields lists
 * name the staff member who did something there (a hook key's maker, an export's, a debug window's): a purge of a
 * former staff member's username replaces it as a name, by one marker per purge. One plan row for all.
 */
public final class NameReferencesTarget implements PurgeTarget {

    private final String name;
    private final List<ValueScan> scans;
    private final Set<String> collections;

    private final Runnable pending;

    public NameReferencesTarget(String name, Database database, Map<String, List<String>> fields) {
        this(name, database, fields, () -> { });
    }

    /**
     * @param fields  per collection, the fields besides {@code _id} that hold names (an id may be a name in each)
     * @param pending writes what is still queued for these collections (run counts), before they are scanned
     */
    public NameReferencesTarget(String name, Database database, Map<String, List<String>> fields, Runnable pending) {
        this.name = name;
        this.pending = pending;
        this.scans = fields.entrySet().stream()
                .map(e -> new ValueScan(database.collection(e.getKey()), e.getValue(), d -> List.of(), true)).toList();
        this.collections = Set.copyOf(fields.keySet());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> collections() {
        return collections;
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return scope instanceof PurgeScope.Value v ? scans.stream().mapToLong(s -> s.count(ValueRedactor.of(v))).sum() : 0;
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        pending.run();
        return scope instanceof PurgeScope.Value v
                ? new PurgeCounts(scans.stream().mapToLong(s -> s.redact(ValueRedactor.of(v)).size()).sum(), 0)
                : PurgeCounts.NONE;
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }
}
