package io.lethe.engine.log;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

/**
 * Applies one request to one segment file at a time: counts (preview), removes (run) or rescans
 * (verify). Preview and run share {@link #scan}, so they classify every line the same way.
 */
final class SegmentPass {

    /** What a scan found in one segment: lines in scope (to remove), kept, and kept because their time is unknown. */
    record Scan(long inScope, long kept, long skipped) {
    }

    /** Where the lines of a scan go. */
    interface Sink {
        Sink NONE = new Sink() { };

        default void keep(LogLine line) throws IOException {
        }

        default void drop(LogLine line) throws IOException {
        }
    }

    private final LogPurgeRequest request;
    private final LineMatcher matcher;
    private final PurgeTally tally;
    private final SegmentRewrite.RewriteHook hook;

    SegmentPass(LogPurgeRequest request, PurgeTally tally, SegmentRewrite.RewriteHook hook) {
        this.request = request;
        this.matcher = new LineMatcher(request.filter(), request.values());
        this.tally = tally;
        this.hook = hook;
    }

    /** Whether the segment goes as a whole, unread: unfiltered and its hour wholly inside the range. */
    boolean whole(LogSegment segment) {
        return !request.selective() && segment.within(request.range().from(), request.range().to());
    }

    void preview(LogSegment segment) throws IOException {
        long size = Files.size(segment.path());
        if (whole(segment)) {
            tally.wholeSegment(countLines(segment), size);
            return;
        }
        Scan scan = scan(segment, new Sink() {
            @Override
            public void drop(LogLine line) {
                if (tally.wantsSamples()) {
                    tally.sample(segment, line, matcher);
                }
            }
        });
        tally.scanned(scan, size, 0);
    }

    void run(LogSegment segment) throws IOException {
        long size = Files.size(segment.path());
        if (whole(segment)) {
            long lines = countLines(segment);
            Files.delete(segment.path());
            SegmentRewrite.syncDirectory(segment.path().getParent());
            tally.wholeSegment(lines, size);
            return;
        }
        if (request.selective()) {
            // A filter usually spares most segments: read first, rewrite only where something goes.
            Scan found = scan(segment, Sink.NONE);
            if (found.inScope() == 0) {
                tally.scanned(found, size, size);
                return;
            }
        }
        try (SegmentRewrite rewrite = new SegmentRewrite(segment)) {
            Scan scan = scan(segment, new Sink() {
                @Override
                public void keep(LogLine line) throws IOException {
                    rewrite.write(line.bytes());
                }
            });
            if (scan.inScope() == 0) {
                tally.scanned(scan, size, size);
            } else if (scan.kept() == 0) {
                Files.delete(segment.path());
                SegmentRewrite.syncDirectory(segment.path().getParent());
                tally.scanned(scan, size, 0);
            } else {
                tally.scanned(scan, size, rewrite.commit(hook));
            }
        }
    }

    /** Reads every line once, sending it to {@code sink} as kept or dropped. */
    Scan scan(LogSegment segment, Sink sink) throws IOException {
        long inScope = 0;
        long kept = 0;
        long skipped = 0;
        try (InputStream in = open(segment)) {
            LineReader reader = new LineReader(in);
            for (byte[] bytes = reader.next(); bytes != null; bytes = reader.next()) {
                LogLine line = new LogLine(bytes);
                Instant at = line.timestamp();
                if ((at != null && !request.range().contains(at)) || !matcher.matches(line)) {
                    kept++;
                    sink.keep(line);
                } else if (at == null) {
                    skipped++;
                    kept++;
                    sink.keep(line);
                } else {
                    inScope++;
                    sink.drop(line);
                }
            }
        }
        return new Scan(inScope, kept, skipped);
    }

    private static long countLines(LogSegment segment) throws IOException {
        try (InputStream in = open(segment)) {
            return LineReader.count(in);
        }
    }

    private static InputStream open(LogSegment segment) throws IOException {
        InputStream file = Files.newInputStream(segment.path());
        try {
            return segment.compressed() ? new GZIPInputStream(file, 1 << 16) : new BufferedInputStream(file, 1 << 16);
        } catch (IOException notGzip) {
            file.close();
            throw notGzip;
        }
    }
}
