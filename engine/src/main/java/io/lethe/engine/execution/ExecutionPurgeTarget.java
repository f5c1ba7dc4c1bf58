package io.lethe.engine.execution;

import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValuePurgeTarget;
import io.lethe.engine.store.Database;
import java.util.List;
import java.util.Set;

/**
 * Execution records as a purge target ({@value #NAME}): a {@link PurgeScope.Executions} deletes the records of
 * a sequence (or all) started in a time range; a {@link PurgeScope.Value} redacts the value in place in the
 * fields that can hold one (the sequence name, the error, the trigger detail). Records keep no input or output.
 */
public final class ExecutionPurgeTarget implements PurgeTarget {

    public static final String NAME = "executions";

    private final ExecutionStore store;
    private final ValuePurgeTarget values;
    private final Runnable pending;

    /** @param pending writes the records and run counts still queued (a run just before the purge) */
    public ExecutionPurgeTarget(Database database, ExecutionStore store, Runnable pending) {
        this.store = store;
        this.pending = pending;
        this.values = new ValuePurgeTarget(NAME, database.collection(MongoExecutionStore.COLLECTION),
                List.of("sequence", "error", "triggerDetail", "path"), false, ids -> { });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> collections() {
        return values.collections();
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Executions || values.handles(scope);
    }

    @Override
    public long plan(PurgeScope scope) {
        return verify(scope);
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        pending.run();
        return scope instanceof PurgeScope.Executions e
                ? new PurgeCounts(0, store.delete(e.sequence(), e.from(), e.to()))
                : values.execute(scope);
    }

    @Override
    public long verify(PurgeScope scope) {
        return scope instanceof PurgeScope.Executions e ? store.count(e.sequence(), e.from(), e.to()) : values.verify(scope);
    }
}
