package io.lethe.engine.store;

/**
 * What a compaction reclaimed. Sizes are bytes of the database files (embedded) or the
 * storage size reported by {@code dbStats} (external MongoDB).
 */
public record CompactionResult(long bytesBefore, long bytesAfter) {

    /** Bytes given back; never negative (a store can grow while it is compacted). */
    public long bytesReclaimed() {
        return Math.max(0, bytesBefore - bytesAfter);
    }
}
