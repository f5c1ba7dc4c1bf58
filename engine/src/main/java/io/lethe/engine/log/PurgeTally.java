package io.lethe.engine.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Adds up what the passes over the segments of one request found or did (one per request, one thread). */
final class PurgeTally {

    private final int maxSamples;
    private final List<LogSample> samples = new ArrayList<>();
    private long lines;
    private long segmentsDeleted;
    private long segmentsRewritten;
    private long bytesBefore;
    private long bytesAfter;
    private long skipped;

    PurgeTally(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    void wholeSegment(long lineCount, long size) {
        lines += lineCount;
        segmentsDeleted++;
        bytesBefore += size;
    }

    /** A segment that was read: untouched when nothing was in scope, deleted when nothing was kept. */
    void scanned(SegmentPass.Scan scan, long sizeBefore, long sizeAfter) {
        skipped += scan.skipped();
        if (scan.inScope() == 0) {
            return;
        }
        lines += scan.inScope();
        bytesBefore += sizeBefore;
        bytesAfter += sizeAfter;
        if (scan.kept() == 0) {
            segmentsDeleted++;
        } else {
            segmentsRewritten++;
        }
    }

    boolean wantsSamples() {
        return samples.size() < maxSamples;
    }

    void sample(LogSegment segment, LogLine line, LineMatcher matcher) {
        Instant at = line.timestamp();
        String message = line.field("message") instanceof String m ? m : line.text().strip();
        samples.add(new LogSample(segment.path().getFileName().toString(), at, text(line.field("level")),
                text(line.field("logger")), text(line.field("correlationId")), matcher.mask(message)));
    }

    LogPreview preview() {
        return new LogPreview(lines, segmentsDeleted, segmentsRewritten, bytesBefore, skipped, samples);
    }

    LogPurgeResult result() {
        return new LogPurgeResult(lines, segmentsDeleted, segmentsRewritten, bytesBefore, bytesAfter, skipped);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
