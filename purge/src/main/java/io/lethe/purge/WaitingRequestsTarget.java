package io.lethe.purge;

import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValueRedactor;
import java.util.Optional;
import java.util.Set;

/**
 * Purge requests waiting to run (drafts, planned, approved) whose scope names a design holding a value being purged
 * (a subject purge of the model {@code ada_people} while "ada" is forgotten): their names follow the designs, renamed
 * with the same marker, so that such a request still finds its model when it runs and keeps no copy of the value in a
 * name. The values a request is itself to forget are its own business: they stay until it finishes or is cancelled
 * (then only their keyed hashes).
 */
public final class WaitingRequestsTarget implements PurgeTarget {

    private final PurgeRequestStore store;

    public WaitingRequestsTarget(PurgeRequestStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "waiting-requests";
    }

    @Override
    public Set<String> collections() {
        return Set.of(PurgeRequestStore.COLLECTION);
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return scope instanceof PurgeScope.Value v
                ? store.waitingToRun().stream().filter(r -> renamed(r, ValueRedactor.of(v)).isPresent()).count() : 0;
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        if (!(scope instanceof PurgeScope.Value v)) {
            return PurgeCounts.NONE;
        }
        ValueRedactor redactor = ValueRedactor.of(v);
        long changed = 0;
        for (PurgeRequest request : store.waitingToRun()) {
            Optional<PurgeRequest> renamed = renamed(request, redactor);
            if (renamed.isPresent() && store.transition(renamed.get(), request.status())) {
                changed++;
            }
        }
        return new PurgeCounts(changed, 0);
    }

    @Override
    public long verify(PurgeScope scope) {
        return plan(scope);
    }

    /** The request with the names of designs in its scope renamed as the designs are, if any holds the value. */
    private static Optional<PurgeRequest> renamed(PurgeRequest request, ValueRedactor redactor) {
        PurgeScope renamed = Scopes.renamed(request.scope(), name -> String.valueOf(redactor.redactNames(name)));
        return renamed.equals(request.scope()) ? Optional.empty() : Optional.of(request.renamed(renamed, Scopes.describe(renamed)));
    }
}
