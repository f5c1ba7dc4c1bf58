package io.lethe.engine.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The in-process MongoDB wire-protocol server (mongo-java-server with its H2 MVStore backend),
 * bound to a random loopback port and persisted to one file under the data directory.
 *
 * <p>The MVStore appends: deleted or overwritten documents stay in the file until a full
 * compaction rewrites it with only the live entries, which {@link #compact()} does.
 */
final class EmbeddedMongo implements AutoCloseable {

    static final String FILE_NAME = "lethe.mv.db";

    private final Path file;
    private final boolean warm;
    private volatile CompletableFuture<Void> warmed = CompletableFuture.completedFuture(null);
    private final GatedBackend backend;
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(Path file, boolean warm) {
        this.file = file;
        this.warm = warm;
        this.backend = new GatedBackend(open());
        this.server = new MongoServer(backend);
        this.connectionString = server.bindAndGetConnectionString();
    }

    static EmbeddedMongo start(Path directory) {
        return start(directory, true);
    }

    /** @param warm whether to read the store into its page cache in the background after each opening ({@link PageCacheWarmer}) */
    static EmbeddedMongo start(Path directory, boolean warm) {
        try {
            PrivateDirectory.create(directory); // the file holds every instance and the server's keys
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot create database directory " + directory + ": " + e.getMessage(), e);
        }
        Path file = directory.resolve(FILE_NAME);
        try {
            return new EmbeddedMongo(file, warm);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot open embedded database " + file + ": " + e.getMessage(), e);
        }
    }

    String connectionString() {
        return connectionString;
    }

    /** Size of the database file in bytes. */
    long fileSize() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes pending changes to the file (the backend otherwise commits about once a second). */
    void flush() {
        backend.read(d -> {
            ((H2Backend) d).commit();
            return null;
        });
    }

    /**
     * Pauses all requests, closes the store, rewrites the file with only live data, reopens.
     * Clients stay connected and their requests wait; open cursors are lost.
     */
    CompactionResult compact() {
        long[] sizes = new long[2];
        whileClosed(() -> {
            sizes[0] = fileSize();
            rewriteLiveEntries();
            sizes[1] = fileSize();
        });
        return new CompactionResult(sizes[0], sizes[1]);
    }

    /**
     * A copy of the database as it is at one instant, served by a second in-process server: requests
     * pause while the store is closed, its file copied to {@code copy} and the store reopened (as for
     * {@link #compact()}, without the rewrite). Closing the copy's server leaves the file to the caller.
     */
    EmbeddedMongo copyTo(Path copy) {
        whileClosed(() -> {
            try {
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + file, e);
            }
        });
        return new EmbeddedMongo(copy, false); // read once, by the backup
    }

    /**
     * Pauses all requests, closes the store, runs {@code work} on its file and reopens the store
     * whether the work succeeded or not, then resumes the requests. The work must leave a whole file
     * (compaction writes beside it and renames; a copy only reads it).
     */
    private void whileClosed(Runnable work) {
        RuntimeException[] failure = new RuntimeException[1];
        backend.swap(current -> {
            current.close();
            try {
                work.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
            return open();
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Copies every live entry of every map into a new file, then atomically replaces the old one.
     * (H2's own {@code MVStoreTool.compact} copies B-tree pages and can carry separator keys of
     * deleted entries along; an entry-by-entry copy builds the trees from live keys only.) Entries are
     * copied as their stored bytes, in the order read ({@link RawEntryType}): no document is deserialized.
     */
    private void rewriteLiveEntries() {
        Path temp = file.resolveSibling(file.getFileName() + ".compacting");
        try {
            Files.deleteIfExists(temp);
            MVStore source = new MVStore.Builder().fileName(file.toString()).readOnly().open();
            MVStore target = new MVStore.Builder().fileName(temp.toString()).autoCommitDisabled().open();
            try {
                for (String name : source.getMapNames()) {
                    MVMap<Object, Object> from = source.openMap(name, raw());
                    MVMap<Object, Object> to = target.openMap(name, raw());
                    long position = 0;
                    for (var entry : from.entrySet()) {
                        to.put(new RawEntryType.Positioned(position++, entry.getKey()), entry.getValue());
                    }
                }
                target.commit();
            } finally {
                target.close();
                source.close();
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + file, e);
        }
    }

    private static MVMap.Builder<Object, Object> raw() {
        return new MVMap.Builder<>().keyType(new RawEntryType()).valueType(new RawEntryType());
    }

    static final int COMMIT_DELAY_MS = 100;

    private MongoBackend open() {
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMegabytes(Runtime.getRuntime().maxMemory())).open();
        // H2 writes changes to the file in the background, by default a second after them: a kill -9 lost up to a second of
        // writes already answered. A tenth of a second keeps the inserts per second (measured) and the file a little larger;
        // what must never be lost (a purge's state, a ledger entry) is flushed before it is answered (Database#flush).
        store.setAutoCommitDelay(COMMIT_DELAY_MS);
        if (warm) {
            warmed = PageCacheWarmer.warm(store);
        }
        return new EmbeddedBackend(store);
    }

    /** Completes when the page cache warm-up of the store as last opened has ended. */
    CompletableFuture<Void> warmed() {
        return warmed;
    }

    /**
     * The store's page cache: a quarter of the heap, from 16 MB (H2's default) to 4 GB. The embedded
     * server uses no index but the unique ones, so a list page, a count or a purge's plan reads the whole
     * collection; from the file each document is deserialized again (about 30 µs each: 5 s for 150 000
     * instances), from the cache not at all (20 ms). The cache holds deserialized pages, so it is only as
     * large as what was read; a compaction reopens the store and empties it, and {@link PageCacheWarmer} fills it again.
     */
    static int cacheMegabytes(long maxHeapBytes) {
        return (int) Math.clamp(maxHeapBytes / 4 / (1024 * 1024), 16, 4096);
    }

    /** Whether the store closed itself after a failure (H2 does so when its background writer fails). */
    boolean failed() {
        return store().isClosed();
    }

    /** How many bytes the open store has read from its file so far. */
    long bytesRead() {
        return store().getFileStore().getReadBytes();
    }

    /** The page cache's size in megabytes, as the store reports it. */
    int cacheSize() {
        return store().getCacheSize();
    }

    /** The H2 store as last opened (a compaction opens another). */
    MVStore store() {
        return backend.read(d -> ((H2Backend) d).getMvStore());
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
