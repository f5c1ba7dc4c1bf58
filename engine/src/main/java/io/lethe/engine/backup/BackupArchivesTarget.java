package io.lethe.engine.backup;

import io.lethe.engine.execution.MongoExecutionStore;
import io.lethe.engine.retention.AttributePurge;
import io.lethe.engine.retention.NameFields;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.StaffAccounts;
import io.lethe.engine.retention.ValueRedactor;
import io.lethe.engine.version.MongoVersionStore;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.bson.Document;

/**
 * Backup archives as a purge target for a subject, a value, old versions, debug traces or execution records: every
 * archive is rewritten without the data (instances overwritten or deleted with the subject's strategies; the value
 * redacted in every document of every collection, inside longer text too, and a staff account named by it removed
 * ({@link StaffAccounts}); the versions, traces and records removed),
 * so the rest of each backup stays restorable. Plan and verification count archived documents still holding what the
 * scope names, scanning them decompressed.
 *
 * <p>Versions are removed by the ids the prune selected in the live store when it started (see
 * {@link PurgeScope.Versions#ids()}), except each archive's newest version of an artefact: it is the design as the
 * archive holds it, which a restore brings back (as the live store, an archive always keeps its current versions).
 */
public final class BackupArchivesTarget implements PurgeTarget {

    private final Backups backups;
    private final AttributePurge purge;

    public BackupArchivesTarget(Backups backups, AttributePurge purge) {
        this.backups = backups;
        this.purge = purge;
    }

    @Override
    public String name() {
        return "backup-archives";
    }

    /** Archives are files, not collections. */
    @Override
    public Set<String> collections() {
        return Set.of();
    }

    /** The collection of debug traces (the debugger's {@code TraceStore}, a module the engine does not see). */
    static final String TRACES = "debug_traces";

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Subject || scope instanceof PurgeScope.Value || scope instanceof PurgeScope.Traces
                || scope instanceof PurgeScope.Executions || scope instanceof PurgeScope.Versions;
    }

    @Override
    public long plan(PurgeScope scope) {
        return scope instanceof PurgeScope.Versions v
                ? backups.countEach(archive -> prunedIn(archive, v))
                : backups.count(match(scope));
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> {
                ArchivedInstances selected = new ArchivedInstances(s);
                Optional<ValueRedactor> everywhere = s.valuesScope().map(ValueRedactor::of);
                yield backups.rewrite((c, d) -> {
                    Document out = selected.needsPurge(c, d) ? selected.purge(d, purge) : d;
                    return everywhere.isPresent() ? redacted(everywhere.get(), c, out) : out;
                });
            }
            case PurgeScope.Value v -> {
                ValueRedactor redactor = ValueRedactor.of(v);
                yield backups.rewrite((c, d) -> redacted(redactor, c, d));
            }
            case PurgeScope.Traces t -> backups.rewrite((c, d) -> ran(c, d, TRACES, t.sequence(), t.from(), t.to()) ? null : d);
            case PurgeScope.Executions e -> backups.rewrite(
                    (c, d) -> ran(c, d, MongoExecutionStore.COLLECTION, e.sequence(), e.from(), e.to()) ? null : d);
            case PurgeScope.Versions v -> backups.rewriteEach(archive -> {
                BiPredicate<String, Document> pruned = prunedIn(archive, v);
                return (c, d) -> pruned.test(c, d) ? null : d;
            });
            default -> PurgeCounts.NONE;
        };
    }

    /** An archived document with the value redacted (the same when it does not hold it); an account named by it: none. */
    private static Document redacted(ValueRedactor redactor, String collection, Document d) {
        if (!NameFields.occursIn(redactor, collection, d)) {
            return d;
        }
        boolean account = collection.equals(StaffAccounts.COLLECTION) && redactor.occursIn(d.get("_id"));
        return account ? null : NameFields.redact(redactor, collection, d);
    }

    /** The archived versions a resolved prune removes from one archive: its ids, not the archive's newest of an artefact. */
    private static BiPredicate<String, Document> prunedIn(Backups.ArchiveReader archive, PurgeScope.Versions v) {
        if (v.ids() == null || v.ids().isEmpty()) {
            return (c, d) -> false;
        }
        Map<String, Integer> newest = new HashMap<>(); // kind:name -> its highest number in this archive
        archive.forEach(MongoVersionStore.COLLECTION, d -> newest.merge(d.getString("kind") + ":" + d.getString("name"),
                d.getInteger("number", 0), Math::max));
        Set<String> ids = new HashSet<>(v.ids());
        newest.forEach((artefact, number) -> ids.remove(artefact + ":" + number));
        return (c, d) -> c.equals(MongoVersionStore.COLLECTION) && ids.contains(String.valueOf(d.get("_id")));
    }

    /** Whether an archived document is a trace or execution record of {@code sequence} (null: any) started in {@code [from, to)}. */
    private static boolean ran(String collection, Document d, String wanted, String sequence, Instant from, Instant to) {
        if (!collection.equals(wanted) || sequence != null && !sequence.equals(d.getString("sequence"))) {
            return false;
        }
        Date started = d.getDate("startedAt");
        return started != null && (from == null || !started.toInstant().isBefore(from)) && (to == null || started.toInstant().isBefore(to));
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }

    private static BiPredicate<String, Document> match(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> {
                ArchivedInstances selected = new ArchivedInstances(s);
                Optional<ValueRedactor> everywhere = s.valuesScope().map(ValueRedactor::of);
                yield (c, d) -> selected.needsPurge(c, d) || everywhere.map(r -> NameFields.occursIn(r, c, d)).orElse(false);
            }
            case PurgeScope.Value v -> {
                ValueRedactor redactor = ValueRedactor.of(v);
                yield (c, d) -> NameFields.occursIn(redactor, c, d);
            }
            case PurgeScope.Traces t -> (c, d) -> ran(c, d, TRACES, t.sequence(), t.from(), t.to());
            case PurgeScope.Executions e -> (c, d) -> ran(c, d, MongoExecutionStore.COLLECTION, e.sequence(), e.from(), e.to());
            default -> (c, d) -> false;
        };
    }
}
