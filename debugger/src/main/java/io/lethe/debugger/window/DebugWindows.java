package io.lethe.debugger.window;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.lethe.debugger.DebuggerSettings;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Debug windows per sequence: off by default, opened by a designer for a limited time, off again
 * when the time is up or when closed. The last window of every sequence is stored (who opened it,
 * when, until when); the open ones are also held in memory so that asking "is this sequence being
 * debugged?" on every run is one volatile map lookup. {@link #refresh()} reloads them, so windows
 * opened by another process sharing the database are seen within one refresh period.
 */
public final class DebugWindows {

    public static final String COLLECTION = "debug_windows";

    private final MongoCollection<Document> windows;
    private final Predicate<String> sequenceExists;
    private final RevealGrants grants;
    private final DebugAudit audit;
    private final Clock clock;
    private final DebuggerSettings settings;
    private volatile Map<String, DebugWindow> open = Map.of();

    public DebugWindows(Database database, Predicate<String> sequenceExists, RevealGrants grants,
            DebugAudit audit, Clock clock, DebuggerSettings settings) {
        this.windows = database.collection(COLLECTION);
        this.sequenceExists = sequenceExists;
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        refresh();
    }

    /**
     * Opens (or replaces) the window of {@code sequence} for {@code length} (null: the default, or
     * the reveal maximum for reveal windows).
     *
     * @throws NotFoundException          when there is no such sequence
     * @throws InvalidInputException      when the length is not positive or above the maximum
     * @throws RevealNotGrantedException  when {@code reveal} is asked without the permission
     */
    public DebugWindow open(String sequence, String user, Duration length, boolean reveal) {
        if (!sequenceExists.test(sequence)) {
            throw new NotFoundException("no sequence '" + sequence + "'");
        }
        Duration max = reveal ? settings.maxRevealWindow() : settings.maxWindow();
        Duration chosen = length != null ? length : reveal ? settings.maxRevealWindow() : settings.defaultWindow();
        if (chosen.isNegative() || chosen.isZero() || chosen.compareTo(max) > 0) {
            throw InvalidInputException.of("/minutes", "must be between 1 and " + max.toMinutes()
                    + (reveal ? " for an unredacted window" : ""));
        }
        if (reveal && !grants.has(user)) {
            throw new RevealNotGrantedException(user);
        }
        Instant now = clock.instant();
        DebugWindow window = new DebugWindow(sequence, user, now, now.plus(chosen), reveal, null, null);
        save(window);
        audit.record(reveal ? "unredacted-window-opened" : "window-opened", user, sequence,
                Map.of("minutes", chosen.toMinutes(), "reveal", reveal, "expiresAt", window.expiresAt().toString()));
        refresh();
        return window;
    }

    /** Switches the window off now; empty when none was on. */
    public Optional<DebugWindow> close(String sequence, String user) {
        Optional<DebugWindow> current = find(sequence).filter(w -> w.isOnAt(clock.instant()));
        current.ifPresent(w -> {
            save(w.closed(user, clock.instant()));
            audit.record("window-closed", user, sequence, Map.of("reveal", w.reveal()));
        });
        refresh();
        return current;
    }

    /** Switches off the window of a deleted sequence: a new sequence of the same name is not traced unless asked. */
    public void sequenceDeleted(String sequence) {
        close(sequence, SYSTEM);
    }

    /** Who closes a window no person closed. */
    static final String SYSTEM = "lethe (sequence deleted)";

    /** The last window of {@code sequence}, on or off. */
    public Optional<DebugWindow> find(String sequence) {
        return Optional.ofNullable(windows.find(new Document("_id", sequence)).first()).map(DebugWindows::read);
    }

    /** The window tracing {@code sequence} right now, if any: the hot path of every run. */
    public DebugWindow active(String sequence) {
        DebugWindow window = open.get(sequence);
        return window != null && window.isOnAt(clock.instant()) ? window : null;
    }

    /** Reloads the open windows from the database, forgetting those that have expired. */
    public void refresh() {
        Instant now = clock.instant();
        Map<String, DebugWindow> fresh = new HashMap<>();
        for (Document d : windows.find(new Document("closedAt", null).append("expiresAt", new Document("$gt", Date.from(now))))) {
            DebugWindow w = read(d);
            fresh.put(w.sequence(), w);
        }
        open = Map.copyOf(fresh);
    }

    private void save(DebugWindow w) {
        Document doc = new Document("_id", w.sequence()).append("openedBy", w.openedBy())
                .append("openedAt", Date.from(w.openedAt())).append("expiresAt", Date.from(w.expiresAt()))
                .append("reveal", w.reveal()).append("closedBy", w.closedBy())
                .append("closedAt", w.closedAt() == null ? null : Date.from(w.closedAt()));
        windows.replaceOne(new Document("_id", w.sequence()), doc, new ReplaceOptions().upsert(true));
    }

    private static DebugWindow read(Document d) {
        Date closedAt = d.getDate("closedAt");
        return new DebugWindow(d.getString("_id"), d.getString("openedBy"), d.getDate("openedAt").toInstant(),
                d.getDate("expiresAt").toInstant(), d.getBoolean("reveal", false), d.getString("closedBy"),
                closedAt == null ? null : closedAt.toInstant());
    }
}
