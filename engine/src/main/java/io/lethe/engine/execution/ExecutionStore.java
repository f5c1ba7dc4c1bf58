package io.lethe.engine.execution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Execution records. */
public interface ExecutionStore {

    void insertAll(List<ExecutionRecord> records);

    Optional<ExecutionRecord> find(String id);

    /** Newest first; {@code sequence}/{@code status} may be null for any; {@code before} pages back in time. */
    List<ExecutionRecord> list(String sequence, ExecutionStatus status, Instant before, int limit);

    long count(String sequence);

    /** Deletes the records of runs started before {@code cutoff}; returns how many. */
    long deleteStartedBefore(Instant cutoff);

    /** Records of {@code sequence} (null: any) started in {@code [from, to)} (null bounds are open). */
    long count(String sequence, Instant from, Instant to);

    /** Deletes the records {@link #count(String, Instant, Instant)} counts; returns how many. */
    long delete(String sequence, Instant from, Instant to);
}
