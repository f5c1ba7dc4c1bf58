package io.lethe.purge;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseMode;
import io.lethe.engine.trigger.ScheduleTriggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which process runs a purge request: several Lethe processes may share one MongoDB, and each resumes the
 * requests it finds running (a crash may have stopped them), so a run first takes a lease, a document
 * {@code purge:<id>} in {@code leases} naming its owner and until when it holds, renewed while the run goes on
 * ({@link #renew}). Another process takes a request over only once its lease has run out: its process died or
 * stalled, and a stalled owner finds on its next step that it no longer {@link #holds} the lease and stops.
 * On the embedded database only one process can open the data, so a lease left by an earlier start is taken at once.
 */
final class RunLeases {

    static final Duration TTL = Duration.ofSeconds(60);

    private final MongoCollection<Document> leases;
    private final Clock clock;
    private final boolean shared;
    private final String owner = UUID.randomUUID().toString();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    RunLeases(MongoCollection<Document> leases, Clock clock, boolean shared) {
        this.leases = leases;
        this.clock = clock;
        this.shared = shared;
    }

    /** The leases of a process: shared when the database is a MongoDB other processes may use too. */
    static RunLeases of(Database database, Clock clock) {
        return of(database, clock, database.mode() == DatabaseMode.EXTERNAL);
    }

    static RunLeases of(Database database, Clock clock, boolean shared) {
        return new RunLeases(database.collection(ScheduleTriggers.LEASES), clock, shared);
    }

    /** Takes the lease of a request unless this process already runs it or another one holds it. */
    boolean claim(String purgeId) {
        if (!held.add(purgeId)) {
            return false;
        }
        Instant now = clock.instant();
        Bson free = shared ? Filters.or(Filters.eq("owner", owner), Filters.lt("until", Date.from(now))) : Filters.empty();
        try {
            leases.updateOne(Filters.and(Filters.eq("_id", key(purgeId)), free), term(now), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            held.remove(purgeId);
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another process holds it: the upsert found no free lease and could not add one
            }
            throw e;
        }
    }

    /** Whether this process still holds the lease (another may have taken it over while this one stalled). */
    boolean holds(String purgeId) {
        return held.contains(purgeId)
                && leases.countDocuments(Filters.and(Filters.eq("_id", key(purgeId)), Filters.eq("owner", owner))) == 1;
    }

    /** Extends every lease this process holds (called well within {@link #TTL}). */
    void renew() {
        Instant now = clock.instant();
        for (String purgeId : held) {
            leases.updateOne(Filters.and(Filters.eq("_id", key(purgeId)), Filters.eq("owner", owner)), term(now));
        }
    }

    void release(String purgeId) {
        if (held.remove(purgeId)) {
            leases.deleteOne(Filters.and(Filters.eq("_id", key(purgeId)), Filters.eq("owner", owner)));
        }
    }

    private Bson term(Instant now) {
        // "at" is when the lease was last written: old leases are swept by it (the embedded database has no TTL)
        return Updates.combine(Updates.set("owner", owner), Updates.set("until", Date.from(now.plus(TTL))),
                Updates.set("at", Date.from(now)));
    }

    private static String key(String purgeId) {
        return "purge:" + purgeId;
    }
}
