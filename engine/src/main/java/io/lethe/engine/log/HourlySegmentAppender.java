package io.lethe.engine.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.lethe.engine.store.PrivateDirectory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes each event to the segment of the UTC hour of its own timestamp, so a line's time and its
 * file always agree (what a time-range purge relies on). When an hour is over (plus a short grace
 * for late events from other threads) its segment is gzipped; at start, segments of past hours
 * left plain by a crash are gzipped too.
 *
 * <p>All file work happens under one lock that {@link #withSegmentsLocked} also offers to the
 * log purge, so a segment is never rewritten while a line is being appended to it.
 */
public class HourlySegmentAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final Duration GRACE = Duration.ofSeconds(10);

    private final ReentrantLock lock = new ReentrantLock();
    private Encoder<ILoggingEvent> encoder;
    private LogSegments segments;
    private Clock clock = Clock.systemUTC();
    private Instant currentHour;
    private OutputStream current;
    private Instant previousHour;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setDirectory(String directory) {
        this.segments = new LogSegments(Path.of(directory));
    }

    /** For tests: decides which hours are "past" at start. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public LogSegments segments() {
        return segments;
    }

    @Override
    public void start() {
        if (encoder == null || segments == null) {
            addError("HourlySegmentAppender needs an encoder and a directory");
            return;
        }
        try {
            PrivateDirectory.create(segments.directory()); // lines may hold personal data
            Instant now = LogSegments.hourOf(clock.instant());
            for (LogSegment segment : segments.list()) {
                if (!segment.compressed() && segment.hour().isBefore(now)) {
                    compress(segment.path());
                }
            }
        } catch (IOException e) {
            addError("cannot prepare log directory " + segments.directory(), e);
            return;
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        Instant at = event.getInstant();
        Instant hour = LogSegments.hourOf(at);
        lock.lock();
        try {
            if (currentHour == null || hour.isAfter(currentHour)) {
                roll(hour);
            } else if (current == null && hour.equals(currentHour)) {
                current = open(segments.plainFile(hour)); // closed for a rewrite meanwhile (withSegmentsLocked)
            }
            if (hour.equals(currentHour)) {
                current.write(line);
                current.flush();
            } else if (hour.equals(previousHour)) {
                appendTo(segments.plainFile(hour), line);
            } else {
                // Later than the grace: the older segment is already compressed; keep the line.
                current.write(line);
                current.flush();
            }
            if (previousHour != null && !at.isBefore(previousHour.plus(LogSegment.LENGTH).plus(GRACE))) {
                compress(segments.plainFile(previousHour));
                previousHour = null;
            }
        } catch (IOException e) {
            addError("cannot write log segment", e);
        } finally {
            lock.unlock();
        }
    }

    private void roll(Instant hour) throws IOException {
        closeCurrent();
        if (currentHour != null) {
            if (previousHour != null) {
                compress(segments.plainFile(previousHour));
            }
            previousHour = currentHour;
        }
        currentHour = hour;
        current = open(segments.plainFile(hour));
    }

    /**
     * Runs {@code action} while no line is written, after closing the current segment so it can be
     * rewritten or deleted; the next line reopens (or recreates) it.
     */
    public <T> T withSegmentsLocked(Supplier<T> action) {
        lock.lock();
        try {
            closeCurrent(); // the hour stays current: at the next hour it is compressed as before
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            closeCurrent();
        } catch (IOException e) {
            addError("cannot close log segment", e);
        } finally {
            lock.unlock();
        }
        super.stop();
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    private static void appendTo(Path file, byte[] line) throws IOException {
        try (OutputStream out = open(file)) {
            out.write(line);
        }
    }

    /** Gzips a plain segment atomically: write a temp file, fsync, rename, then delete the plain one. */
    static void compress(Path plain) throws IOException {
        if (!Files.exists(plain)) {
            return;
        }
        Path gzip = LogSegments.gzipFileOf(plain);
        Path temp = gzip.resolveSibling(gzip.getFileName() + ".tmp");
        try (InputStream in = Files.newInputStream(plain);
                var channel = FileChannel.open(temp,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                OutputStream out = new GZIPOutputStream(Channels.newOutputStream(channel))) {
            if (Files.exists(gzip)) {
                // A late line reopened an hour already compressed: keep the old lines first.
                try (InputStream old = new GZIPInputStream(Files.newInputStream(gzip))) {
                    old.transferTo(out);
                }
            }
            in.transferTo(out);
            out.flush();
            ((GZIPOutputStream) out).finish();
            channel.force(true);
        }
        Files.move(temp, gzip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(plain);
    }
}
