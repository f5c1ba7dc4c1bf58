package io.lethe.engine.log;

/**
 * A rescan of the range after a purge.
 *
 * @param remaining    lines still in range that match the filter (any line in range when unfiltered); 0 when done
 * @param skippedLines lines of the range's segments whose timestamp cannot be read and that match the filter:
 *                     they were kept, a person has to look at them
 */
public record LogVerification(long remaining, long skippedLines) {

    public boolean clean() {
        return remaining == 0;
    }
}
