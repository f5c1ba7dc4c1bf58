package io.lethe.engine.retention;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A store that holds data a purge may have to forget (the service-provider interface every store
 * implements; the purge subsystem only orchestrates). For a scope it {@link #handles}:
 *
 * <ul>
 *   <li>{@link #plan} counts what would change, changing nothing;</li>
 *   <li>{@link #execute} changes or removes it and is idempotent: running it again after a crash
 *       or a completed run is safe and finds nothing more to do;</li>
 *   <li>{@link #verify} rescans and returns what still matches, which must be 0 after execute.</li>
 * </ul>
 *
 * A subject to forget everywhere ({@link PurgeScope.Subject#everywhere()}) reaches a target that handles
 * subjects as it is: that target applies {@link PurgeScope.Subject#valuesScope()} itself, after the subject's
 * own strategies. Every other target that handles values is given the value scope instead.
 *
 * <p>Implementations never log or return the purged values.
 */
public interface PurgeTarget {

    /** A stable name shown in plans and receipts, e.g. {@code instances}. */
    String name();

    /** The database collections this target covers (so a test can prove every collection has one). */
    Set<String> collections();

    /** Whether this target has anything to do for this kind of scope; if not it is reported as not applicable. */
    boolean handles(PurgeScope scope);

    long plan(PurgeScope scope);

    /**
     * What the plan would touch, named without any value (e.g. backup archives and their dates), for
     * the admin to review before approving; most targets have nothing to add to the count.
     */
    default List<String> planItems(PurgeScope scope) {
        return List.of();
    }

    /** At most this many items are named in a plan; the rest are counted. */
    int MAX_ITEMS = 50;

    /** {@code items} sorted, at most {@link #MAX_ITEMS} of them, then "and N more". */
    static List<String> firstItems(List<String> items) {
        List<String> sorted = items.stream().sorted().toList();
        return sorted.size() <= MAX_ITEMS ? sorted : Stream.concat(sorted.stream().limit(MAX_ITEMS),
                Stream.of("and " + (sorted.size() - MAX_ITEMS) + " more")).toList();
    }

    PurgeCounts execute(PurgeScope scope);

    long verify(PurgeScope scope);
}
