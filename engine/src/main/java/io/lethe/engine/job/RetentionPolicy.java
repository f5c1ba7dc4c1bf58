package io.lethe.engine.job;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The retention in force: what an admin set (collection {@value #COLLECTION}, document {@code retention}: whole
 * days per store, how many daily backups, who changed it and when) over the defaults this process was started with
 * (its flags). Read at every use, so a change reaches every process sharing the database at its next hourly job.
 * The last {@value #HISTORY} changes are kept with it: who made the retention what, and when.
 */
public final class RetentionPolicy {

    public static final String COLLECTION = "settings";
    /** The longest retention an admin may set, in days (100 years). */
    public static final long MAX_DAYS = 36_500;
    /** How many changes the history keeps. */
    public static final int HISTORY = 100;
    private static final String ID = "retention";

    /** Who changed the retention, when, and to what. */
    public record Change(String by, Instant at, Retention retention) {
    }

    private final MongoCollection<Document> settings;
    private final Retention defaults;
    private final Clock clock;

    public RetentionPolicy(Database database, Retention defaults, Clock clock) {
        this.settings = database.collection(COLLECTION);
        this.defaults = defaults;
        this.clock = clock;
    }

    /** What this process was started with. */
    public Retention defaults() {
        return defaults;
    }

    public Retention current() {
        Document set = stored();
        return set == null ? defaults : retention(set);
    }

    /** The changes made, newest first. */
    public List<Change> history() {
        Document set = stored();
        List<Change> changes = new ArrayList<>();
        if (set != null) {
            set.getList("history", Document.class, List.of()).forEach(change ->
                    changes.addFirst(new Change(change.getString("by"), change.getDate("at").toInstant(), retention(change))));
        }
        return changes;
    }

    /** Keeps {@code next} for every process sharing the database; the jobs use it from their next run. */
    public void set(Retention next, String by) {
        Document change = days(next).append("by", by).append("at", Date.from(clock.instant()));
        Document set = stored();
        List<Document> history = new ArrayList<>(set == null ? List.of() : set.getList("history", Document.class, List.of()));
        history.add(change);
        List<Document> kept = history.subList(Math.max(0, history.size() - HISTORY), history.size());
        settings.replaceOne(Filters.eq("_id", ID), days(next).append("_id", ID).append("history", kept), new ReplaceOptions().upsert(true));
    }

    private Retention retention(Document set) {
        return new Retention(days(set, "deactivatedDays", defaults.deactivated()),
                days(set, "executionDays", defaults.executions()), days(set, "logDays", defaults.logs()),
                days(set, "traceDays", defaults.traces()),
                set.get("backupsKept") instanceof Number kept ? kept.intValue() : defaults.backups());
    }

    private static Document days(Retention retention) {
        return new Document("deactivatedDays", retention.deactivated().toDays()).append("executionDays", retention.executions().toDays())
                .append("logDays", retention.logs().toDays()).append("traceDays", retention.traces().toDays())
                .append("backupsKept", retention.backups());
    }

    private Document stored() {
        return settings.find(Filters.eq("_id", ID)).first();
    }

    private static Duration days(Document set, String field, Duration fallback) {
        return set.get(field) instanceof Number days ? Duration.ofDays(days.longValue()) : fallback;
    }
}
