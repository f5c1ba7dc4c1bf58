package io.lethe.engine.trigger;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.Trigger;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires sequences on their cron schedules (each read in its time zone, UTC by default). Several Lethe processes may share a database:
 * each due tick is claimed by inserting a lease document with a unique id, so exactly one process
 * runs it. Old leases are swept (the embedded database has no TTL indexes).
 */
public final class ScheduleTriggers implements AutoCloseable {

    public static final String LEASES = "leases";
    private static final Logger log = LoggerFactory.getLogger(ScheduleTriggers.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private record Schedule(String sequence, String cron, ZoneId zone, ExecutionTime time) {
    }

    private final MongoCollection<Document> leases;
    private final Clock clock;
    private final BiConsumer<String, Instant> fire;
    private volatile List<Schedule> schedules = List.of();
    private Instant checkedUpTo;
    private ScheduledExecutorService ticker;

    /** {@code fire} receives the sequence name and the tick time; it must hand the run off, not run it inline. */
    public ScheduleTriggers(Database database, Clock clock, BiConsumer<String, Instant> fire) {
        this.leases = database.collection(LEASES);
        this.clock = clock;
        this.fire = fire;
        this.checkedUpTo = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public void rebuild(List<Sequence> sequences) {
        List<Schedule> next = new ArrayList<>();
        for (Sequence sequence : sequences) {
            for (Trigger trigger : sequence.triggers()) {
                if (trigger instanceof Trigger.Schedule s) {
                    next.add(new Schedule(sequence.name(), s.cron(), s.zoneId(), ExecutionTime.forCron(CRON.parse(s.cron()))));
                }
            }
        }
        schedules = List.copyOf(next);
    }

    /** Checks every second from now on. */
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("lethe-scheduler").unstarted(r));
        ticker.scheduleAtFixedRate(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.atError().setCause(e).log("schedule tick failed");
        }
    }

    /** Fires every schedule due since the last tick (at most one catch-up per schedule). Returns how many this process fired. */
    public synchronized int tick() {
        Instant now = clock.instant();
        int fired = 0;
        for (Schedule schedule : schedules) {
            var due = schedule.time().nextExecution(ZonedDateTime.ofInstant(checkedUpTo, schedule.zone()));
            if (due.isPresent() && !due.get().toInstant().isAfter(now) && claim(schedule, due.get().toInstant())) {
                fire.accept(schedule.sequence(), due.get().toInstant());
                fired++;
            }
        }
        checkedUpTo = now;
        return fired;
    }

    private boolean claim(Schedule schedule, Instant tick) {
        try {
            leases.insertOne(new Document("_id", "schedule:" + schedule.sequence() + "@" + tick)
                    .append("at", Date.from(tick)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another process has it
            }
            throw e;
        }
    }

    /** Deletes leases older than a day; returns how many. */
    public long sweep() {
        return leases.deleteMany(Filters.lt("at", Date.from(clock.instant().minus(1, ChronoUnit.DAYS)))).getDeletedCount();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
