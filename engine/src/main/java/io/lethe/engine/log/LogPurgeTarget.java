package io.lethe.engine.log;

import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import java.util.Set;

/** The application log segments as a purge target for {@link PurgeScope.Logs}. */
public final class LogPurgeTarget implements PurgeTarget {

    private final LogPurger purger;

    public LogPurgeTarget(LogPurger purger) {
        this.purger = purger;
    }

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public Set<String> collections() {
        return Set.of();
    }

    @Override
    public boolean handles(PurgeScope scope) {
        return scope instanceof PurgeScope.Logs;
    }

    @Override
    public long plan(PurgeScope scope) {
        return purger.preview(request((PurgeScope.Logs) scope), 0).lines();
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return purger.run(request((PurgeScope.Logs) scope)).counts();
    }

    @Override
    public long verify(PurgeScope scope) {
        return purger.verify(request((PurgeScope.Logs) scope)).remaining();
    }

    /** The purger's request for a logs scope; {@link io.lethe.engine.failure.InvalidInputException} when it is malformed. */
    public static LogPurgeRequest request(PurgeScope.Logs scope) {
        return new LogPurgeRequest(LogRange.between(scope.from(), scope.to()),
                new LogFilter(scope.match(), scope.regex(), scope.level(), scope.logger(), scope.correlationId()));
    }
}
