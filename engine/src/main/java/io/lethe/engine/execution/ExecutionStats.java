package io.lethe.engine.execution;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.lethe.engine.store.Database;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.Document;

/**
 * Exact per-minute counts of every run ({@code execution_stats}: runs, failures, total and max
 * duration per sequence and minute), whatever the record mode or sampling: counted in memory and
 * added to the database by the recorder's writer every few seconds.
 */
public final class ExecutionStats {

    public static final String COLLECTION = "execution_stats";

    /** Counts of one sequence in one minute. */
    public record Minute(String sequence, Instant minute, long runs, long failed, long totalMs, long maxMs) {
    }

    private record Key(String sequence, Instant minute) {
    }

    private static final class Counts {
        final LongAdder runs = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder totalMs = new LongAdder();
        volatile long maxMs;
    }

    private final MongoCollection<Document> stats;
    private final ConcurrentHashMap<Key, Counts> pending = new ConcurrentHashMap<>();

    public ExecutionStats(Database database) {
        this.stats = database.collection(COLLECTION);
    }

    void count(String sequence, Instant startedAt, long durationMs, boolean failed) {
        Counts c = pending.computeIfAbsent(new Key(sequence, startedAt.truncatedTo(ChronoUnit.MINUTES)), k -> new Counts());
        c.runs.increment();
        c.totalMs.add(durationMs);
        if (failed) {
            c.failed.increment();
        }
        if (durationMs > c.maxMs) {
            c.maxMs = durationMs;
        }
    }

    /** Deletes the counts of minutes before {@code cutoff}; returns how many minutes went. */
    public long deleteBefore(Instant cutoff) {
        return stats.deleteMany(Filters.lt("minute", Date.from(cutoff))).getDeletedCount();
    }

    /** Adds what was counted since the last flush to the database. */
    public void flush() {
        for (Key key : List.copyOf(pending.keySet())) {
            Counts c = pending.remove(key);
            if (c == null || c.runs.sum() == 0) {
                continue;
            }
            stats.updateOne(Filters.eq("_id", key.sequence() + "@" + key.minute()),
                    Updates.combine(
                            Updates.setOnInsert("sequence", key.sequence()),
                            Updates.setOnInsert("minute", Date.from(key.minute())),
                            Updates.inc("runs", c.runs.sum()),
                            Updates.inc("failed", c.failed.sum()),
                            Updates.inc("totalMs", c.totalMs.sum()),
                            Updates.max("maxMs", c.maxMs)),
                    new UpdateOptions().upsert(true));
        }
    }

    /** The latest minutes of a sequence, newest first. */
    public List<Minute> latest(String sequence, int limit) {
        List<Minute> minutes = new ArrayList<>();
        for (Document d : stats.find(Filters.eq("sequence", sequence)).sort(Sorts.descending("minute")).limit(limit)) {
            minutes.add(new Minute(d.getString("sequence"), d.getDate("minute").toInstant(), number(d, "runs"),
                    number(d, "failed"), number(d, "totalMs"), number(d, "maxMs")));
        }
        return minutes;
    }

    private static long number(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
