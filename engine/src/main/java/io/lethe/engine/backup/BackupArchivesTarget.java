package io.lethe.engine.backup;

import io.lethe.engine.retention.AttributePurge;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValueRedactor;
import java.util.Map;
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
                yield backups.rewrite((c, d) -> selected.needsPurge(c, d) ? selected.purge(d, purge) : d);
            }
            case PurgeScope.Value v -> {
                ValueRedactor redactor = new ValueRedactor(v.value());
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
            case PurgeScope.Subject s -> new ArchivedInstances(s)::needsPurge;
            case PurgeScope.Value v -> {
                ValueRedactor redactor = new ValueRedactor(v.value());
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
