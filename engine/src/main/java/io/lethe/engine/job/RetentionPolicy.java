package io.lethe.engine.job;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The retention in force: what an admin set (collection {@value #COLLECTION}, document {@code retention}: whole
 * days per store, how many daily backups, who changed it and when) over the defaults this process was started with
 * (its flags). Read at every use, so a change reaches every process sharing the database at its next hourly job.
 */
public final class RetentionPolicy {

    public static final String COLLECTION = "settings";
    /** The longest retention an admin may set, in days (100 years). */
    public static final long MAX_DAYS = 36_500;
    private static final String ID = "retention";

    /** Who last changed the retention, and when. */
    public record Change(String by, Instant at) {
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
        return set == null ? defaults : new Retention(days(set, "deactivatedDays", defaults.deactivated()),
                days(set, "executionDays", defaults.executions()), days(set, "logDays", defaults.logs()),
                days(set, "traceDays", defaults.traces()),
                set.get("backupsKept") instanceof Number kept ? kept.intValue() : defaults.backups());
    }

    public Optional<Change> lastChange() {
        Document set = stored();
        return set == null ? Optional.empty() : Optional.of(new Change(set.getString("updatedBy"), set.getDate("updatedAt").toInstant()));
    }

    /** Keeps {@code next} for every process sharing the database; the jobs use it from their next run. */
    public void set(Retention next, String by) {
        settings.replaceOne(Filters.eq("_id", ID), new Document("_id", ID)
                .append("deactivatedDays", next.deactivated().toDays()).append("executionDays", next.executions().toDays())
                .append("logDays", next.logs().toDays()).append("traceDays", next.traces().toDays())
                .append("backupsKept", next.backups())
                .append("updatedBy", by).append("updatedAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
    }

    private Document stored() {
        return settings.find(Filters.eq("_id", ID)).first();
    }

    private static Duration days(Document set, String field, Duration fallback) {
        return set.get(field) instanceof Number days ? Duration.ofDays(days.longValue()) : fallback;
    }
}
