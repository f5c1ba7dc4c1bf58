package io.lethe.engine.backup;

import java.time.Instant;

/** One archive as listed: when it was taken, its size on disk, how many documents, how often rewritten. */
public record BackupInfo(String id, Instant createdAt, long bytes, long documents, int collections, int generation,
        Instant rewrittenAt) {
}
