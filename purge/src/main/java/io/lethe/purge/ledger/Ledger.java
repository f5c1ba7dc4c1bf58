package io.lethe.purge.ledger;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lethe.engine.json.Json;
import io.lethe.engine.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The append-only purge ledger ({@code purge_ledger}): each entry holds a receipt and the hash of
 * the previous entry, and its own hash is SHA-256 over both, so changing or removing any entry
 * breaks every later link. It never holds purged values. It lives outside backups, so a restore
 * can replay it, and is mirrored append-only to a file (by default {@code <data>/ledger/purge-ledger.jsonl})
 * so that it survives the loss of the database too.
 */
public final class Ledger {

    public static final String COLLECTION = "purge_ledger";
    static final String GENESIS = "0".repeat(64);

    /** One link of the chain. */
    public record Entry(long sequence, String at, Map<String, Object> receipt, String previousHash, String hash) {
    }

    /** The result of checking the chain: {@code firstBroken} is the sequence of the first bad entry, or null. */
    public record Verification(boolean intact, long entries, Long firstBroken, String reason) {
    }

    private final Database database;
    private final MongoCollection<Document> ledger;
    private final Clock clock;
    private final Path mirror;

    public Ledger(Database database, Clock clock) {
        this(database, clock, null);
    }

    /**
     * @param mirror an append-only file receiving every entry too (null for none), so the ledger
     *               survives the loss of the database and a restore into a fresh one can replay it
     */
    public Ledger(Database database, Clock clock, Path mirror) {
        this.database = database;
        this.ledger = database.collection(COLLECTION);
        this.clock = clock;
        this.mirror = mirror;
    }

    /**
     * Appends the receipt of purge {@code requestId} unless the ledger holds one already (a run that stopped after
     * appending it, before it was marked done, resumes and closes again); returns the hash of its entry.
     */
    public synchronized String appendOnce(String requestId, Map<String, Object> receipt) {
        for (Entry entry : entries()) {
            if (requestId.equals(entry.receipt().get("requestId"))) {
                repairMirror();
                return entry.hash();
            }
        }
        return append(receipt);
    }

    /** Appends a receipt; returns the new entry's hash. Concurrent appends retry on the next number. */
    public synchronized String append(Map<String, Object> receipt) {
        while (true) {
            Document last = ledger.find().sort(Sorts.descending("_id")).limit(1).first();
            long sequence = last == null ? 1 : last.getLong("_id") + 1;
            String previous = last == null ? GENESIS : last.getString("hash");
            String at = clock.instant().toString();
            String hash = hash(sequence, at, receipt, previous);
            try {
                ledger.insertOne(new Document("_id", sequence).append("at", at).append("atDate", Date.from(clock.instant()))
                        .append("receipt", Json.canonical(receipt)).append("previousHash", previous).append("hash", hash));
                database.flush(); // in the file before the mirror: a crash between left the mirror ahead, and a fork followed
                repairMirror(); // this entry, and any a crash kept from the mirror before
                return hash;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /**
     * Appends to the mirror every entry the database holds beyond the mirror's last one (a crash between writing an
     * entry to the database and to the mirror left it out); returns how many.
     */
    public synchronized int repairMirror() {
        if (mirror == null) {
            return 0;
        }
        StringBuilder lines = new StringBuilder();
        int missing = 0;
        for (Document d : ledger.find(Filters.gt("_id", lastMirrored())).sort(Sorts.ascending("_id"))) {
            lines.append(Json.canonical(Map.of("sequence", d.getLong("_id"), "at", d.getString("at"), "receipt", d.getString("receipt"),
                    "previousHash", d.getString("previousHash"), "hash", d.getString("hash")))).append('\n');
            missing++;
        }
        if (missing > 0) {
            try {
                Files.createDirectories(mirror.getParent());
                try (FileChannel out = FileChannel.open(mirror, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot mirror the purge ledger to " + mirror, e);
            }
        }
        return missing;
    }

    /** The sequence of the mirror's last whole entry (0 for none; a line a crash cut short is no entry). */
    private long lastMirrored() {
        if (!Files.exists(mirror)) {
            return 0;
        }
        try {
            List<String> lines = Files.readAllLines(mirror, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                try {
                    if (Json.read(lines.get(i)) instanceof Map<?, ?> e && e.get("sequence") instanceof Number n) {
                        return n.longValue();
                    }
                } catch (RuntimeException cut) { // a line written only in part
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the purge ledger mirror " + mirror, e);
        }
    }

    /**
     * Copies into the database the mirrored entries it lacks (after a restore into a fresh database);
     * returns how many. {@link #verify()} then checks the whole chain as usual.
     */
    public int importMirror() {
        if (mirror == null || !Files.exists(mirror)) {
            return 0;
        }
        int imported = 0;
        try {
            for (String line : Files.readAllLines(mirror, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<?, ?> e = (Map<?, ?>) Json.read(line);
                long sequence = ((Number) e.get("sequence")).longValue();
                if (ledger.countDocuments(new Document("_id", sequence)) == 0) {
                    ledger.insertOne(new Document("_id", sequence).append("at", e.get("at"))
                            .append("atDate", Date.from(Instant.parse(String.valueOf(e.get("at")))))
                            .append("receipt", e.get("receipt")).append("previousHash", e.get("previousHash"))
                            .append("hash", e.get("hash")));
                    imported++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the purge ledger mirror " + mirror, e);
        }
        return imported;
    }

    /** Oldest first. */
    @SuppressWarnings("unchecked")
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Document d : ledger.find().sort(Sorts.ascending("_id"))) {
            entries.add(new Entry(d.getLong("_id"), d.getString("at"), (Map<String, Object>) Json.read(d.getString("receipt")),
                    d.getString("previousHash"), d.getString("hash")));
        }
        return entries;
    }

    /** Recomputes every link and reports the first that does not hold. */
    public Verification verify() {
        String previous = GENESIS;
        long expected = 1;
        List<Entry> entries = entries();
        for (Entry e : entries) {
            if (e.sequence() != expected) {
                return new Verification(false, entries.size(), expected, "entry " + expected + " is missing");
            }
            if (!e.previousHash().equals(previous)) {
                return new Verification(false, entries.size(), e.sequence(), "does not link to the previous entry");
            }
            if (!hash(e.sequence(), e.at(), e.receipt(), e.previousHash()).equals(e.hash())) {
                return new Verification(false, entries.size(), e.sequence(), "its content does not match its hash");
            }
            previous = e.hash();
            expected++;
        }
        return new Verification(true, entries.size(), null, null);
    }

    static String hash(long sequence, String at, Map<String, Object> receipt, String previous) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((sequence + "\n" + at + "\n" + previous + "\n" + Json.canonical(receipt)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
