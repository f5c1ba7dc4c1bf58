package io.lethe.engine.backup;

import io.lethe.engine.retention.AttributePurge;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValueRedactor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.bson.Document;

/**
 * Backup archives as a purge target for a subject or a value: every archive is rewritten without the
 * data (instances overwritten or deleted with the subject's strategies; the value redacted in every
 * document of every collection, inside longer text too), so the rest of each backup stays restorable.
 * Plan and verification count archived documents still holding what the scope names, scanning them
 * decompressed.
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

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Subject || scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return backups.count(match(scope));
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Subject s -> {
                ArchivedInstances selected = new ArchivedInstances(s);
                Optional<ValueRedactor> everywhere = s.valuesScope().map(ValueRedactor::of);
                yield backups.rewrite((c, d) -> {
                    Document out = selected.needsPurge(c, d) ? selected.purge(d, purge) : d;
                    return everywhere.isPresent() && everywhere.get().occursIn(out) ? redacted(everywhere.get(), out) : out;
                });
            }
            case PurgeScope.Value v -> {
                ValueRedactor redactor = ValueRedactor.of(v);
                yield backups.rewrite((c, d) -> redactor.occursIn(d) ? redacted(redactor, d) : d);
            }
            default -> PurgeCounts.NONE;
        };
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
                yield (c, d) -> selected.needsPurge(c, d) || everywhere.map(r -> r.occursIn(d)).orElse(false);
            }
            case PurgeScope.Value v -> {
                ValueRedactor redactor = ValueRedactor.of(v);
                yield (c, d) -> redactor.occursIn(d);
            }
            default -> (c, d) -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private static Document redacted(ValueRedactor redactor, Document d) {
        return new Document((Map<String, Object>) redactor.redact(d));
    }
}
