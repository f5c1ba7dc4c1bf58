package io.lethe.engine.sequence;

/**
 * @param record    what execution records keep
 * @param timeoutMs the longest a run may take before it fails (0 or absent: {@value #DEFAULT_TIMEOUT_MS}; a negative one is
 *                  refused when the sequence is saved)
 */
public record SequenceSettings(RecordMode record, long timeoutMs) {

    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    public static final long MAX_TIMEOUT_MS = 600_000;

    public SequenceSettings {
        record = record == null ? RecordMode.SUMMARY : record;
        timeoutMs = timeoutMs == 0 ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }

    public static SequenceSettings defaults() {
        return new SequenceSettings(RecordMode.SUMMARY, DEFAULT_TIMEOUT_MS);
    }
}
