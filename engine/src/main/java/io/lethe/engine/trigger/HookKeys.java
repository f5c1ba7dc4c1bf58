package io.lethe.engine.trigger;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.lethe.engine.secret.Sha256;
import io.lethe.engine.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The keys that let callers through hooks whose trigger says {@code requireKey}: one per sequence, made
 * at random, shown once, kept only as its SHA-256 (a key is 256 random bits, so a fast hash is enough).
 * They live beside the sequence, never in it: no version, export or trace holds one, and an import
 * elsewhere needs a new key made there.
 */
public final class HookKeys {

    public static final String COLLECTION = "hook_keys";
    /** The request header a caller sends the key in. */
    public static final String HEADER = "X-Hook-Key";
    private static final String PREFIX = "lethe_hk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** When and by whom a sequence's key was made (never the key). */
    public record Info(String sequence, String createdBy, Instant createdAt) {
    }

    private final MongoCollection<Document> keys;
    private final Clock clock;

    public HookKeys(Database database, Clock clock) {
        this.keys = database.collection(COLLECTION);
        this.clock = clock;
    }

    /** Makes a new key for the sequence, replacing any it had; returns it (the only time it is seen). */
    public String make(String sequence, String by) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        keys.replaceOne(new Document("_id", sequence), new Document("_id", sequence).append("sha256", sha256(key))
                .append("createdBy", by).append("createdAt", Date.from(clock.instant().truncatedTo(ChronoUnit.MILLIS))),
                new ReplaceOptions().upsert(true));
        return key;
    }

    public Optional<Info> find(String sequence) {
        return Optional.ofNullable(keys.find(new Document("_id", sequence)).first())
                .map(d -> new Info(sequence, d.getString("createdBy"), d.getDate("createdAt").toInstant()));
    }

    /** Whether there was a key to remove. */
    public boolean remove(String sequence) {
        return keys.deleteOne(new Document("_id", sequence)).getDeletedCount() > 0;
    }

    /** Whether {@code key} is the sequence's key (false when it has none or none was sent). */
    public boolean opens(String sequence, String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        Document stored = keys.find(new Document("_id", sequence)).first();
        return stored != null && MessageDigest.isEqual(
                stored.getString("sha256").getBytes(StandardCharsets.US_ASCII), sha256(key).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }
}
