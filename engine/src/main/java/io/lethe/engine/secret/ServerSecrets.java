package io.lethe.engine.secret;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.lethe.engine.store.Database;
import java.security.SecureRandom;
import java.util.Base64;
import org.bson.Document;

/**
 * Server-side keys (token signing, keyed hashes of purged values, trace redaction), one per
 * purpose, generated on first use and kept in the database so every Lethe process sharing it
 * uses the same key. Keys are never exported or logged.
 */
public final class ServerSecrets {

    public static final String COLLECTION = "server_secrets";
    private static final int KEY_BYTES = 32;

    private final MongoCollection<Document> secrets;
    private final SecureRandom random = new SecureRandom();

    public ServerSecrets(Database database) {
        this.secrets = database.collection(COLLECTION);
    }

    /** The key for {@code purpose}, created if this is the first time anyone asks. */
    public byte[] key(String purpose) {
        Document found = secrets.find(new Document("_id", purpose)).first();
        if (found == null) {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            try {
                secrets.insertOne(new Document("_id", purpose).append("key", Base64.getEncoder().encodeToString(fresh)));
                return fresh;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                found = secrets.find(new Document("_id", purpose)).first(); // another process won the race
            }
        }
        return Base64.getDecoder().decode(found.getString("key"));
    }
}
