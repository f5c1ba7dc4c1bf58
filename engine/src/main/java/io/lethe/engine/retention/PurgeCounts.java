package io.lethe.engine.retention;

/** What a purge did in one target: documents changed in place and documents removed. */
public record PurgeCounts(long changed, long removed) {

    public static final PurgeCounts NONE = new PurgeCounts(0, 0);

    public PurgeCounts plus(PurgeCounts other) {
        return new PurgeCounts(changed + other.changed, removed + other.removed);
    }

    public long total() {
        return changed + removed;
    }
}
