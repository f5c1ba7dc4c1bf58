package io.lethe.engine.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * A new version of one segment written beside it ({@code <segment>.purge.tmp}), fsynced, then renamed
 * over it atomically: a crash at any moment leaves the old segment or the new one, never neither.
 * Closing without {@link #commit} removes the temp file; one left by a crash is removed by the next run.
 */
final class SegmentRewrite implements AutoCloseable {

    static final String TEMP_SUFFIX = ".purge.tmp";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final GZIPOutputStream gzip;
    private boolean done;

    SegmentRewrite(LogSegment segment) throws IOException {
        this.target = segment.path();
        this.temp = tempOf(target);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        OutputStream file = Channels.newOutputStream(channel);
        this.gzip = segment.compressed() ? new GZIPOutputStream(file, 1 << 16) : null;
        this.out = new BufferedOutputStream(gzip != null ? gzip : file, 1 << 16);
    }

    static Path tempOf(Path segment) {
        return segment.resolveSibling(segment.getFileName() + TEMP_SUFFIX);
    }

    void write(byte[] line) throws IOException {
        out.write(line);
    }

    /** Makes the new version durable and puts it in place of the old one; returns its size. */
    long commit(RewriteHook hook) throws IOException {
        out.flush();
        if (gzip != null) {
            gzip.finish();
        }
        channel.force(true);
        out.close();
        hook.beforeRename(temp, target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        done = true;
        syncDirectory(target.getParent());
        return Files.size(target);
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Makes a rename or delete in {@code directory} durable (where the platform allows it). */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Some platforms cannot open a directory; the rename itself is still atomic there.
        }
    }

    /** A point to stop at between writing the temp file and renaming it (tests simulate crashes with it). */
    @FunctionalInterface
    interface RewriteHook {
        RewriteHook NONE = (temp, target) -> { };

        void beforeRename(Path temp, Path target) throws IOException;
    }
}
