package io.lethe.engine.log;

import io.lethe.engine.retention.PurgeCounts;

/**
 * What a log purge did.
 *
 * @param linesRemoved      lines removed
 * @param segmentsDeleted   segment files removed entirely (wholly in range, or left empty)
 * @param segmentsRewritten segment files rewritten keeping the lines out of scope
 * @param bytesBefore       on-disk size of the touched segment files before
 * @param bytesAfter        their on-disk size after
 * @param skippedLines      lines kept because their timestamp cannot be read (they matched the filter, if any)
 */
public record LogPurgeResult(long linesRemoved, long segmentsDeleted, long segmentsRewritten, long bytesBefore,
        long bytesAfter, long skippedLines) {

    /** As the purge SPI counts: each removed line is a removed document. */
    public PurgeCounts counts() {
        return new PurgeCounts(0, linesRemoved);
    }
}
