package io.lethe.engine.log;

import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValueRedactor;
import java.time.Instant;
import java.util.Set;

/**
 * The application log segments as a purge target: for {@link PurgeScope.Logs} the lines of its range
 * and filter; for {@link PurgeScope.Value} every line, of any time, in which the value occurs as a
 * whole token (as {@link ValueRedactor} finds it elsewhere). Lines go whole: a log line is not rewritten.
 */
public final class LogPurgeTarget implements PurgeTarget {

    /** Every time a log line can bear. */
    private static final LogRange EVER = LogRange.between(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));

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
        return scope instanceof PurgeScope.Logs || scope instanceof PurgeScope.Value;
    }

    @Override
    public long plan(PurgeScope scope) {
        return purger.preview(requestFor(scope), 0).lines();
    }

    @Override
    public PurgeCounts execute(PurgeScope scope) {
        return purger.run(requestFor(scope)).counts();
    }

    @Override
    public long verify(PurgeScope scope) {
        return purger.verify(requestFor(scope)).remaining();
    }

    /** The purger's request for a logs scope; {@link io.lethe.engine.failure.InvalidInputException} when it is malformed. */
    public static LogPurgeRequest request(PurgeScope.Logs scope) {
        return new LogPurgeRequest(LogRange.between(scope.from(), scope.to()),
                new LogFilter(scope.match(), scope.regex(), scope.level(), scope.logger(), scope.correlationId()));
    }

    private static LogPurgeRequest requestFor(PurgeScope scope) {
        return switch (scope) {
            case PurgeScope.Logs logs -> request(logs);
            case PurgeScope.Value value -> new LogPurgeRequest(EVER, LogFilter.NONE, ValueRedactor.of(value));
            default -> throw new IllegalArgumentException("not a scope for logs: " + scope.getClass().getSimpleName());
        };
    }
}
