package io.lethe.engine.backup;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.job.JobRuns;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.secret.ServerSecrets;
import io.lethe.engine.store.Database;
import io.lethe.engine.trigger.ScheduleTriggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logical backups of the database: one directory per archive under {@link BackupSettings#directory()},
 * holding every collection as gzipped Extended JSON lines read through the driver (so the same code backs
 * up the embedded database and a real MongoDB, and restores across them) and a {@code manifest.json}.
 *
 * <p>Why a directory of gzipped parts and not one tar or zip: each part is a plain {@code .gz} that any
 * tool (and the canary scans of the tests) can read, a purge rewrites only the parts it touches, and the
 * JDK is enough. Atomicity comes from renames: an archive appears under its id only once complete; a
 * rewrite writes new part files beside the old ones and switches by renaming a new manifest over the old
 * one, so a crash leaves the old archive or the new one, never neither; leftovers are wiped by
 * {@link #recover()}.
 *
 * <p>Left out on purpose: {@code purge_ledger} (it must outlive any restore, so a restore can replay it)
 * and {@code purge_requests} (the purge subsystem's own state, which holds the values of purges in flight).
 * Kept in: {@code server_secrets}, because without the keys the keyed hashes and the sealed connector
 * secrets of a restored backup are unusable; so archives are owner-only and are as secret as the database.
 * A restore keeps keys the target already has (in the same installation they are the same keys).
 */
public final class Backups implements AutoCloseable {

    public static final String JOB = "backup";
    /** Collections never archived (see the class comment). */
    public static final Set<String> EXCLUDED = Set.of("purge_ledger", "purge_requests", RestoreMark.COLLECTION);

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]*");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BATCH = 1000;

    /** A point between writing a rewrite's new files and switching the manifest (tests simulate crashes there). */
    @FunctionalInterface
    interface SwitchHook {
        SwitchHook NONE = archive -> { };

        void beforeSwitch(Path archive);
    }

    private final Database database;
    private final BackupSettings settings;
    private final IntSupplier keep;
    private final JobRuns runs;
    private final Clock clock;
    private final String version;
    private volatile SwitchHook hook = SwitchHook.NONE;
    private ScheduledExecutorService timer;

    public Backups(Database database, BackupSettings settings, JobRuns runs, Clock clock, String letheVersion) {
        this(database, settings, settings::keep, runs, clock, letheVersion);
    }

    /** @param keep how many archives the scheduled backup keeps, read at each run (the retention an admin set) */
    public Backups(Database database, BackupSettings settings, IntSupplier keep, JobRuns runs, Clock clock, String letheVersion) {
        this.database = database;
        this.settings = settings;
        this.keep = keep;
        this.runs = runs;
        this.clock = clock;
        this.version = letheVersion;
    }

    public Path directory() {
        return settings.directory();
    }

    /** Takes a backup of every collection now; of the embedded database, all as of one instant ({@link Database#readSnapshot}). */
    public synchronized BackupInfo create() {
        recover();
        ArchiveFiles.createPrivateDirectory(directory());
        Instant now = clock.instant();
        String id = freshId(now);
        Path partial = directory().resolve("." + id + ".partial");
        ArchiveFiles.createPrivateDirectory(partial);
        // Read from one instant's copy (embedded), which lives in the owner-only partial directory
        // and is wiped once read: it holds all the data.
        Path copy = partial.resolve(".snapshot.mv.db");
        List<BackupManifest.Part> parts;
        try {
            parts = database.readSnapshot(copy, source -> parts(partial, source));
        } finally {
            if (Files.exists(copy)) {
                ArchiveFiles.wipe(copy);
            }
        }
        BackupManifest manifest = new BackupManifest(id, now, version, database.mode().label(), 0, null, parts,
                new TreeSet<>(EXCLUDED).stream().toList());
        ArchiveFiles.writeAtomically(partial.resolve(BackupManifest.FILE), manifest.toBytes(), () -> { });
        move(partial, directory().resolve(id));
        log.atInfo().addKeyValue("backup", id).addKeyValue("documents", manifest.documents()).log("backup created");
        return info(directory().resolve(id));
    }

    /** Writes every archived collection of {@code source} into the archive being made, one part each. */
    private static List<BackupManifest.Part> parts(Path archive, MongoDatabase source) {
        List<BackupManifest.Part> parts = new ArrayList<>();
        for (String name : new TreeSet<>(source.listCollectionNames().into(new ArrayList<>()))) {
            if (!EXCLUDED.contains(name) && !name.startsWith("system.")) {
                parts.add(part(archive, parts.size(), name, source.getCollection(name)));
            }
        }
        return parts;
    }

    /** Writes one collection's part (documents and index definitions) into the archive being made. */
    private static BackupManifest.Part part(Path archive, int index, String name, MongoCollection<Document> collection) {
        String file = partFile(index, name, 0);
        long documents = ArchiveFiles.writePart(archive.resolve(file), collection.withDocumentClass(RawBsonDocument.class).find());
        List<String> indexes = new ArrayList<>();
        for (Document definition : collection.listIndexes()) {
            if (!"_id_".equals(definition.getString("name"))) {
                definition.remove("v");
                definition.remove("ns");
                indexes.add(definition.toJson(ArchiveFiles.EXTENDED));
            }
        }
        return new BackupManifest.Part(name, file, documents, ArchiveFiles.size(archive.resolve(file)),
                ArchiveFiles.sha256(archive.resolve(file)), indexes);
    }

    /** Every archive, newest first. */
    public List<BackupInfo> list() {
        return archives().stream().map(Backups::info).sorted(Comparator.comparing(BackupInfo::createdAt).reversed()).toList();
    }

    public BackupManifest manifest(String id) {
        return BackupManifest.read(archive(id));
    }

    /** Recomputes the SHA-256 of every part and compares it with the manifest (not while a purge rewrites the archive). */
    public synchronized BackupVerification verify(String id) {
        Path archive = archive(id);
        BackupManifest manifest = BackupManifest.read(archive);
        List<String> problems = new ArrayList<>();
        for (BackupManifest.Part part : manifest.parts()) {
            Path file = archive.resolve(part.file());
            if (!Files.isRegularFile(file)) {
                problems.add(part.collection() + ": file " + part.file() + " is missing");
            } else if (!ArchiveFiles.sha256(file).equals(part.sha256())) {
                problems.add(part.collection() + ": checksum mismatch in " + part.file());
            }
        }
        return new BackupVerification(id, problems.isEmpty(), manifest.parts().size(), problems);
    }

    /**
     * Replaces the target's collections by the archive's (collections the archive lacks are dropped,
     * except the {@link #EXCLUDED} ones, which stay as they are), then lets {@code replayer} execute again
     * every purge that finished after the backup was taken, and compacts the target so the overwritten bytes
     * are gone from its files. Run it before anything serves the target.
     *
     * @throws ConflictException when the archive fails verification (nothing is changed then)
     */
    public synchronized RestoreReport restore(String id, Database target, LedgerReplayer replayer) {
        BackupVerification verification = verify(id);
        if (!verification.intact()) {
            throw new ConflictException("backup " + id + " is damaged, not restored: " + String.join("; ", verification.problems()));
        }
        Path archive = archive(id);
        BackupManifest manifest = BackupManifest.read(archive);
        RestoreMark.set(target, id, clock.instant()); // until the ledger is replayed: a server refuses to serve it
        Map<String, Long> restored = new LinkedHashMap<>();
        List<String> keptKeys = new ArrayList<>();
        Set<String> inArchive = new HashSet<>();
        Set<String> existing = target.mongo().listCollectionNames().into(new HashSet<>());
        for (BackupManifest.Part part : manifest.parts()) {
            inArchive.add(part.collection());
            MongoCollection<Document> collection = target.collection(part.collection());
            if (part.collection().equals(ServerSecrets.COLLECTION)) {
                restored.put(part.collection(), restoreKeys(archive.resolve(part.file()), collection, keptKeys));
                continue;
            }
            if (existing.contains(part.collection())) { // the embedded server logs an error for a collection that is not there
                collection.drop();
            }
            MongoCollection<RawBsonDocument> raw = collection.withDocumentClass(RawBsonDocument.class);
            List<RawBsonDocument> batch = new ArrayList<>(BATCH);
            long[] count = {0};
            ArchiveFiles.readRawPart(archive.resolve(part.file()), doc -> {
                batch.add(doc);
                count[0]++;
                if (batch.size() == BATCH) {
                    raw.insertMany(batch);
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                raw.insertMany(batch);
            }
            rebuildIndexes(target, part);
            restored.put(part.collection(), count[0]);
        }
        List<String> dropped = new ArrayList<>();
        for (String name : target.mongo().listCollectionNames().into(new ArrayList<>())) {
            if (!inArchive.contains(name) && !EXCLUDED.contains(name) && !name.startsWith("system.")) {
                target.collection(name).drop();
                dropped.add(name);
            }
        }
        target.flush();
        List<String> replayed = replayer.replayAfter(manifest.createdAt(), target);
        target.compact(); // the archive's copies of replayed data, and the dropped data, physically gone too
        RestoreMark.clear(target);
        log.atInfo().addKeyValue("backup", id).addKeyValue("replayed", replayed.size()).log("backup restored");
        return new RestoreReport(id, manifest.createdAt(), restored, dropped, keptKeys, replayed);
    }

    /** Removes an archive: out of the listing at once (one rename), then every file wiped. */
    public synchronized void delete(String id) {
        Path archive = archive(id);
        Path deleting = directory().resolve("." + id + ".deleting");
        move(archive, deleting);
        ArchiveFiles.wipeDirectory(deleting);
        log.atInfo().addKeyValue("backup", id).log("backup deleted");
    }

    /** Keeps the newest {@code keep} archives, deletes the rest; returns how many were deleted. */
    public synchronized int prune(int keep) {
        List<BackupInfo> all = list();
        all.stream().skip(keep).forEach(b -> delete(b.id()));
        return Math.max(0, all.size() - keep);
    }

    /** The documents of one archive, read collection by collection. */
    @FunctionalInterface
    public interface ArchiveReader {
        /** Every archived document of {@code collection} (none if the archive has no such part). */
        void forEach(String collection, Consumer<Document> each);
    }

    /** How many archived documents, over all archives, satisfy {@code match}. */
    public long count(BiPredicate<String, Document> match) {
        return countEach(archive -> match);
    }

    /** How many archived documents satisfy the match made for each archive by {@code matchFor}, which may read it first. */
    public synchronized long countEach(Function<ArchiveReader, BiPredicate<String, Document>> matchFor) {
        long[] found = {0};
        for (Path archive : archives()) {
            BiPredicate<String, Document> match = matchFor.apply(reader(archive));
            for (BackupManifest.Part part : BackupManifest.read(archive).parts()) {
                ArchiveFiles.readPart(archive.resolve(part.file()), d -> found[0] += match.test(part.collection(), d) ? 1 : 0);
            }
        }
        return found[0];
    }

    /**
     * Applies {@code edit} to every document of every archive. Only parts with a change are written
     * again (as new files, with new checksums in a new manifest); the old files are then wiped.
     */
    public PurgeCounts rewrite(DocumentEdit edit) {
        return rewriteEach(archive -> edit);
    }

    /** {@link #rewrite(DocumentEdit)} with the edit made for each archive by {@code editFor}, which may read it first. */
    public synchronized PurgeCounts rewriteEach(Function<ArchiveReader, DocumentEdit> editFor) {
        recover();
        PurgeCounts total = PurgeCounts.NONE;
        for (Path archive : archives()) {
            total = total.plus(new ArchiveRewrite(archive, editFor.apply(reader(archive)), clock.instant()).run(hook));
        }
        return total;
    }

    private static ArchiveReader reader(Path archive) {
        return (collection, each) -> BackupManifest.read(archive).parts().stream().filter(p -> p.collection().equals(collection))
                .forEach(p -> ArchiveFiles.readPart(archive.resolve(p.file()), each));
    }

    /**
     * Wipes what interrupted work left behind: partial archives, half-deleted ones, and part files or
     * manifests no manifest refers to (a rewrite that crashed before or after its switch).
     */
    public synchronized void recover() {
        if (!Files.isDirectory(directory())) {
            return;
        }
        for (Path entry : entries(directory())) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") && (name.endsWith(".partial") || name.endsWith(".deleting"))) {
                ArchiveFiles.wipeDirectory(entry);
            } else if (Files.isRegularFile(entry.resolve(BackupManifest.FILE))) {
                Set<String> referenced = new HashSet<>(List.of(BackupManifest.FILE));
                BackupManifest.read(entry).parts().forEach(p -> referenced.add(p.file()));
                entries(entry).stream().filter(f -> !referenced.contains(f.getFileName().toString())).forEach(ArchiveFiles::wipe);
            }
        }
    }

    /**
     * Wipes what a backup or rewrite stopped by a crash left (a partial archive holds a copy of the whole database
     * file), then starts the daily backup (at {@link BackupSettings#dailyAt()} UTC), keeping the newest as many as the
     * retention says.
     */
    public synchronized void start() {
        recover();
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lethe-backup").unstarted(r));
        Instant now = clock.instant();
        Instant next = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(settings.dailyAt()).toInstant(ZoneOffset.UTC);
        if (!next.isAfter(now)) {
            next = next.plus(Duration.ofDays(1));
        }
        timer.scheduleAtFixedRate(() -> {
            try {
                runIfDue();
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("scheduled backup failed");
            }
        }, Duration.between(now, next).toMillis(), Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The scheduled run: unless another process sharing the database already did today (a lease), takes
     * a backup, prunes to the retention count, and records both in {@code job_runs}.
     */
    public boolean runIfDue() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            database.collection(ScheduleTriggers.LEASES).insertOne(new Document("_id", "backup@" + day)
                    .append("at", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        Instant started = clock.instant();
        BackupInfo taken = create();
        int pruned = prune(keep.getAsInt());
        runs.record(new JobRuns.JobRun(JOB, started, clock.instant(),
                Map.of("documents", taken.documents(), "bytes", taken.bytes(), "pruned", (long) pruned)));
        return true;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void crashHook(SwitchHook next) {
        this.hook = next;
    }

    static String partFile(int index, String collection, int generation) {
        return String.format("%03d-%s.%d.jsonl.gz", index, collection.replaceAll("[^0-9A-Za-z_.-]", "_"), generation);
    }

    private long restoreKeys(Path part, MongoCollection<Document> keys, List<String> kept) {
        long[] added = {0};
        ArchiveFiles.readPart(part, doc -> {
            if (keys.countDocuments(new Document("_id", doc.get("_id"))) > 0) {
                kept.add(String.valueOf(doc.get("_id")));
            } else {
                keys.insertOne(doc);
                added[0]++;
            }
        });
        return added[0];
    }

    private static void rebuildIndexes(Database target, BackupManifest.Part part) {
        for (String spec : part.indexes()) {
            Document index = Document.parse(spec);
            try {
                target.mongo().runCommand(new Document("createIndexes", part.collection()).append("indexes", List.of(index)));
            } catch (MongoException e) {
                log.atWarn().addKeyValue("collection", part.collection()).addKeyValue("index", index.getString("name"))
                        .log("index not rebuilt: {}", e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private String freshId(Instant now) {
        String base = ID_TIME.format(now);
        String id = base;
        for (int n = 1; Files.exists(directory().resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private Path archive(String id) {
        Path archive = id != null && ID.matcher(id).matches() ? directory().resolve(id) : null;
        if (archive == null || !Files.isRegularFile(archive.resolve(BackupManifest.FILE))) {
            throw new NotFoundException("no backup '" + id + "'"); // the directory is not named: HTTP clients get this
        }
        return archive;
    }

    private List<Path> archives() {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        return entries(directory()).stream()
                .filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve(BackupManifest.FILE)))
                .sorted().toList();
    }

    private static BackupInfo info(Path archive) {
        BackupManifest m = BackupManifest.read(archive);
        long bytes = entries(archive).stream().mapToLong(ArchiveFiles::size).sum();
        return new BackupInfo(m.id(), m.createdAt(), bytes, m.documents(), m.parts().size(), m.generation(), m.rewrittenAt());
    }

    private static List<Path> entries(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            ArchiveFiles.syncDirectory(to.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from.getFileName() + " to " + to.getFileName(), e);
        }
    }
}
