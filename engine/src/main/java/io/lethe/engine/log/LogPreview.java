package io.lethe.engine.log;

import java.util.List;

/**
 * What a log purge would do, changing nothing. Its figures are those {@link LogPurgeResult} reports
 * when the same request runs on the same files.
 *
 * @param lines             lines that would be removed
 * @param segmentsDeleted   segment files that would go entirely
 * @param segmentsRewritten segment files that would be rewritten keeping the lines out of scope
 * @param bytesAffected     on-disk size of those segment files
 * @param skippedLines      lines kept because their timestamp cannot be read (they matched the filter, if any)
 * @param samples           the first few lines that would go, masked
 */
public record LogPreview(long lines, long segmentsDeleted, long segmentsRewritten, long bytesAffected,
        long skippedLines, List<LogSample> samples) {

    public LogPreview {
        samples = List.copyOf(samples);
    }

    public long segmentsTouched() {
        return segmentsDeleted + segmentsRewritten;
    }
}
