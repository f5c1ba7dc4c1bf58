package io.lethe.engine.backup;

import io.lethe.engine.store.PrivateDirectory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.RawBsonDocumentCodec;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriter;
import org.bson.json.JsonWriterSettings;

/**
 * The bytes of an archive: parts are gzipped JSON lines, one document per line in MongoDB Extended
 * JSON (canonical mode, so dates, longs, doubles and ids keep their BSON types across servers).
 * Everything written is fsynced before it is renamed into place; removed files are first overwritten
 * with zeros. Archives hold server keys, so directories are owner-only where the platform allows.
 */
final class ArchiveFiles {

    static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final RawBsonDocumentCodec RAW_CODEC = new RawBsonDocumentCodec();
    private static final EncoderContext ENCODE = EncoderContext.builder().build();
    private static final JsonLine<RawBsonDocument> RAW = (out, d) -> RAW_CODEC.encode(new JsonWriter(out, EXTENDED), d, ENCODE);
    private static final JsonLine<Document> DOCUMENT = (out, d) -> out.write(d.toJson(EXTENDED));

    /** How one document becomes its line of Extended JSON. */
    private interface JsonLine<T> {
        void write(Writer out, T document) throws IOException;
    }

    private ArchiveFiles() {
    }

    /**
     * Writes the documents as one gzipped part, each straight from its BSON as the server sent it (no
     * {@link Document} built in between); returns how many were written.
     */
    static long writePart(Path file, Iterable<RawBsonDocument> documents) {
        return writePart(file, RAW, sink -> documents.forEach(sink));
    }

    /** Writes what {@code producer} hands to its sink as one gzipped part; returns how many documents. */
    static long writePart(Path file, Consumer<Consumer<Document>> producer) {
        return writePart(file, DOCUMENT, producer);
    }

    private static <T> long writePart(Path file, JsonLine<T> line, Consumer<Consumer<T>> producer) {
        long[] count = {0};
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = Channels.newOutputStream(channel);
            GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16);
            Writer out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
            producer.accept(document -> {
                try {
                    line.write(out, document);
                    out.write('\n');
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
            gzip.finish();
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backup part " + file, e);
        }
        return count[0];
    }

    /** Reads a part line by line. */
    static void readPart(Path file, Consumer<Document> each) {
        readPart(file, Document::parse, each);
    }

    /** Reads a part line by line as the BSON it was taken from, type for type (what a restore inserts). */
    static void readRawPart(Path file, Consumer<RawBsonDocument> each) {
        readPart(file, RawBsonDocument::parse, each);
    }

    private static <T> void readPart(Path file, Function<String, T> parse, Consumer<T> each) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    each.accept(parse.apply(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read backup part " + file, e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a small file durably (temp, fsync, atomic rename), e.g. the manifest. */
    static void writeAtomically(Path file, byte[] bytes, Runnable beforeRename) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            beforeRename.run();
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void createPrivateDirectory(Path directory) {
        try {
            PrivateDirectory.create(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /**
     * Overwrites a file with zeros, syncs, then deletes it. (On copy-on-write file systems and SSDs the
     * old blocks may survive elsewhere: full-disk encryption is the real guarantee there.)
     */
    static void wipe(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                Files.deleteIfExists(file);
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                long size = channel.size();
                ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
                for (long at = 0; at < size; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                    at += channel.write(zeros, at);
                }
                channel.force(true);
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    /** Wipes every file under a directory, then removes it. */
    static void wipeDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p)) {
                    Files.delete(p);
                } else {
                    wipe(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
        syncDirectory(directory.getParent());
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Some platforms cannot open a directory; renames are still atomic there.
        }
    }
}
