package io.lethe.engine.backup;

import com.mongodb.client.model.ReplaceOptions;
import io.lethe.engine.store.Database;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Marks a database while a backup is restored into it, until the purge ledger is replayed: a restore stopped
 * before that (a crash, a kill) leaves data that finished purges had removed, so a server must not serve it
 * ({@link #unfinished}) until the restore is run again. Kept outside every archive ({@link Backups#EXCLUDED}).
 */
public final class RestoreMark {

    static final String COLLECTION = "restore_in_progress";
    private static final String ID = "restore";

    private RestoreMark() {
    }

    static void set(Database target, String backup, Instant at) {
        target.collection(COLLECTION).replaceOne(new Document("_id", ID), new Document("_id", ID).append("backup", backup)
                .append("startedAt", Date.from(at)), new ReplaceOptions().upsert(true));
        target.flush();
    }

    static void clear(Database target) {
        target.collection(COLLECTION).deleteOne(new Document("_id", ID));
        target.flush();
    }

    /** The id of the backup whose restore into {@code database} did not finish, if one did not. */
    public static Optional<String> unfinished(Database database) {
        return Optional.ofNullable(database.collection(COLLECTION).find(new Document("_id", ID)).first())
                .map(d -> d.getString("backup"));
    }
}
