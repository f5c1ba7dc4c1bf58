package io.lethe.engine.backup;

import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import java.util.List;
import java.util.Set;

/**
 * Whole backup archives created in a time range ({@link PurgeScope.Backups}), deleted securely. The plan
 * names each archive and when it was taken, so the approver sees exactly what goes.
 */
public final class BackupRangeTarget implements PurgeTarget {

    private final Backups backups;

    public BackupRangeTarget(Backups backups) {
        this.backups = backups;
    }

    @Override
    public String name() {
        return "backups";
    }

    @Override
    public Set<String> collections() {
        return Set.of();
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Backups;
    }

    @Override
    public long plan(PurgeScope scope) {
        return inRange(scope).size();
    }

    @Override
    public List<String> planItems(PurgeScope scope) {
        return inRange(scope).stream().map(b -> "backup " + b.id() + " taken " + b.createdAt() + " (" + b.bytes() + " bytes)").toList();
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        List<BackupInfo> doomed = inRange(scope);
        doomed.forEach(b -> backups.delete(b.id()));
        return new PurgeCounts(0, doomed.size());
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }

    private List<BackupInfo> inRange(PurgeScope scope) {
        if (!(scope instanceof PurgeScope.Backups range)) {
            return List.of();
        }
        return backups.list().stream()
                .filter(b -> range.from() == null || !b.createdAt().isBefore(range.from()))
                .filter(b -> range.to() == null || b.createdAt().isBefore(range.to()))
                .toList();
    }
}
