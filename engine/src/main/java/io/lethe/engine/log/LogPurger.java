package io.lethe.engine.log;

import io.lethe.engine.failure.ConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Forgets log lines by time range, optionally only those matching a filter: {@link #preview},
 * {@link #run}, {@link #verify}. Only segments overlapping the range are opened, and a segment wholly
 * inside an unfiltered range is deleted without being parsed, so the cost grows with the range, not
 * with the whole log.
 *
 * <p>Each hour's files are handled under the {@link SegmentLock}, so with a live appender no line is
 * appended to a segment being rewritten (appends wait for one segment, not for the whole purge); with
 * the server stopped {@link SegmentLock#NONE} will do. Runs on one directory exclude each other, also
 * across processes, through {@code .purge.lock}.
 *
 * <p>Rules: a line goes when its own {@code timestamp} is in the range and it matches the filter;
 * every other line is kept byte for byte. A line whose timestamp cannot be read is kept and counted
 * as skipped (never dropped silently) — except inside a segment deleted as a whole, whose hour lies
 * wholly in the range. The appender files a line by its timestamp; one that arrived over an hour late
 * sits in a later segment and is found only if that segment is scanned.
 */
public final class LogPurger {

    static final String LOCK_FILE = ".purge.lock";

    private final LogSegments segments;
    private final SegmentLock lock;
    private final SegmentRewrite.RewriteHook hook;
    /**
     * Runs through this purger take turns (purge requests run side by side: a support's log purge and an
     * admin's value purge would otherwise fail on the file lock); another process is refused by the file lock.
     */
    private final ReentrantLock turn = new ReentrantLock();

    /** Offline: nobody writes to the segments (the server is stopped). */
    public LogPurger(LogSegments segments) {
        this(segments, SegmentLock.NONE);
    }

    public LogPurger(LogSegments segments, SegmentLock lock) {
        this(segments, lock, SegmentRewrite.RewriteHook.NONE);
    }

    LogPurger(LogSegments segments, SegmentLock lock, SegmentRewrite.RewriteHook hook) {
        this.segments = segments;
        this.lock = lock;
        this.hook = hook;
    }

    /** What {@link #run} would do, with up to {@code maxSamples} masked sample lines; changes nothing. */
    public LogPreview preview(LogPurgeRequest request, int maxSamples) {
        PurgeTally tally = new PurgeTally(maxSamples);
        SegmentPass pass = new SegmentPass(request, tally, hook);
        forEachSegment(request.range(), pass::preview);
        return tally.preview();
    }

    /** Removes the lines in scope; safe to run again after a crash or a completed run. */
    public LogPurgeResult run(LogPurgeRequest request) {
        PurgeTally tally = new PurgeTally(0);
        if (!Files.isDirectory(segments.directory())) {
            return tally.result();
        }
        turn.lock();
        try {
            return exclusively(() -> {
                removeStaleTempFiles();
                SegmentPass pass = new SegmentPass(request, tally, hook);
                forEachSegment(request.range(), pass::run);
                return tally.result();
            });
        } finally {
            turn.unlock();
        }
    }

    /** Rescans the range: lines still in scope must be 0 after {@link #run}. */
    public LogVerification verify(LogPurgeRequest request) {
        SegmentPass pass = new SegmentPass(request, new PurgeTally(0), hook);
        long[] counts = new long[2];
        forEachSegment(request.range(), segment -> {
            SegmentPass.Scan scan = pass.scan(segment, SegmentPass.Sink.NONE);
            counts[0] += scan.inScope();
            counts[1] += scan.skipped();
        });
        return new LogVerification(counts[0], counts[1]);
    }

    @FunctionalInterface
    private interface SegmentAction {
        void apply(LogSegment segment) throws IOException;
    }

    private void forEachSegment(LogRange range, SegmentAction action) {
        List<Instant> hours = segments.overlapping(range.from(), range.to()).stream()
                .map(LogSegment::hour).distinct().toList();
        for (Instant hour : hours) {
            lock.locked(() -> {
                // Listed again under the lock: the appender may have gzipped or created a file meanwhile.
                for (LogSegment segment : filesOf(hour)) {
                    try {
                        action.apply(segment);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot purge log segment " + segment.path().getFileName(), e);
                    }
                }
                return null;
            });
        }
    }

    private List<LogSegment> filesOf(Instant hour) {
        Path plain = segments.plainFile(hour);
        Path gzip = LogSegments.gzipFileOf(plain);
        List<LogSegment> files = new ArrayList<>(2);
        if (Files.exists(gzip)) {
            files.add(new LogSegment(hour, gzip, true));
        }
        if (Files.exists(plain)) {
            files.add(new LogSegment(hour, plain, false));
        }
        return files;
    }

    /**
     * Temp files a crash left behind hold copies of log lines: ours ({@code .purge.tmp}) and the
     * appender's gzip ones (only ever present inside its lock, so any seen under it are stale).
     */
    private void removeStaleTempFiles() {
        lock.locked(() -> {
            try (Stream<Path> files = Files.list(segments.directory())) {
                for (Path file : files.filter(LogPurger::isStaleTemp).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean the log directory", e);
            }
            return null;
        });
    }

    static boolean isStaleTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(LogSegments.PREFIX)
                && (name.endsWith(SegmentRewrite.TEMP_SUFFIX) || name.endsWith(LogSegments.GZIP + ".tmp"));
    }

    private <T> T exclusively(Supplier<T> action) {
        Path lockFile = segments.directory().resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.tryLock()) {
            if (held == null) {
                throw new ConflictException("another log purge is running on " + segments.directory());
            }
            return action.get();
        } catch (OverlappingFileLockException e) {
            throw new ConflictException("another log purge is running on " + segments.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }
}
