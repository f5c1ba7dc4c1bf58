package io.lethe.debugger;

import io.lethe.engine.redact.RedactionRules;
import io.lethe.debugger.trace.RevealExpiry;
import io.lethe.debugger.trace.TracePurgeTarget;
import io.lethe.debugger.trace.TraceRecorder;
import io.lethe.debugger.trace.TraceRetention;
import io.lethe.debugger.trace.TraceStore;
import io.lethe.debugger.trace.TraceWriter;
import io.lethe.debugger.window.DebugAudit;
import io.lethe.debugger.window.DebugWindows;
import io.lethe.debugger.window.RevealGrants;
import io.lethe.engine.Engine;
import io.lethe.engine.retention.NameReferencesTarget;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValuePurgeTarget;
import io.lethe.engine.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debugger assembled over an engine: debug windows, reveal grants and their audit, the trace
 * recorder (an {@code ExecutionListener} the composition root registers), the background trace
 * writer, trace storage, retention, replay and the purge target. {@link #start()} schedules the
 * retention sweep (hourly), the redaction of unredacted traces whose reveal time is over (each minute)
 * and the window refresh; {@link #close()} stops them and writes what is
 * queued.
 */
public final class Debugger implements AutoCloseable {

    static final Duration WINDOW_REFRESH = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(Debugger.class);

    private final DebuggerSettings settings;
    private final Clock clock;
    private final DebugAudit audit;
    private final RevealGrants grants;
    private final DebugWindows windows;
    private final RedactionRules rules;
    private final TraceStore store;
    private final TraceWriter writer;
    private final TraceRecorder recorder;
    private final TraceRetention retention;
    private final RevealExpiry revealExpiry;
    private final TracePurgeTarget purgeTarget;
    private final NameReferencesTarget names;
    private final ValuePurgeTarget grantors;
    private final Replay replay;
    private ScheduledExecutorService scheduler;

    public Debugger(Engine engine, Database database, Clock clock, DebuggerSettings settings) {
        this.settings = settings;
        this.clock = clock;
        this.audit = new DebugAudit(database, clock);
        this.grants = new RevealGrants(database, audit, clock);
        this.windows = new DebugWindows(database, engine.sequences()::exists, grants, audit, clock, settings);
        engine.sequences().onDelete(windows::sequenceDeleted);
        this.rules = engine.redaction(); // the same rules and markers as log lines
        this.store = new TraceStore(database);
        this.revealExpiry = new RevealExpiry(store, rules, clock, RevealExpiry.REVEALED_FOR);
        this.writer = new TraceWriter(traces -> {
            store.insertAll(traces);
            revealExpiry.written(traces);
        }, settings.queueCapacity(), settings.queueBudgetChars());
        this.recorder = new TraceRecorder(windows, rules, writer, settings);
        this.retention = new TraceRetention(store, engine.jobRuns(), clock, () -> engine.retention().current().traces());
        this.purgeTarget = new TracePurgeTarget(store, () -> writer.writeQueued(Duration.ofSeconds(10)));
        this.names = new NameReferencesTarget("debug-windows", database,
                Map.of(DebugWindows.COLLECTION, List.of("openedBy", "closedBy"),
                        DebugAudit.COLLECTION, List.of("sequence", "actor", "details")));
        // a grant is kept under its designer's username, whose account is no purge target (a deleted one's grant goes
        // with it): only the admin who gave it is searched
        this.grantors = new ValuePurgeTarget("reveal-grants", database.collection(RevealGrants.COLLECTION), List.of("grantedBy"),
                false, ids -> { });
        this.replay = new Replay(engine, store, recorder, writer, windows, audit);
    }

    /** Schedules the hourly retention sweep and the refresh of windows opened by other processes. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lethe-debugger-jobs").factory());
        scheduler.scheduleWithFixedDelay(() -> safely("retention", () -> {
            retention.sweep();
            revealExpiry.sweepAll(); // also what other processes captured
        }), 1, 60, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(() -> safely("reveal expiry", revealExpiry::sweep), 1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(() -> safely("window refresh", windows::refresh),
                WINDOW_REFRESH.toSeconds(), WINDOW_REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    private static void safely(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("job", job).log("debugger job failed");
        }
    }

    public Clock clock() {
        return clock;
    }

    public DebuggerSettings settings() {
        return settings;
    }

    /** The listener to register: {@code engine.runner().addListener(debugger.recorder())}. */
    public TraceRecorder recorder() {
        return recorder;
    }

    public DebugWindows windows() {
        return windows;
    }

    public RevealGrants grants() {
        return grants;
    }

    public DebugAudit audit() {
        return audit;
    }

    public RedactionRules redaction() {
        return rules;
    }

    public TraceStore traces() {
        return store;
    }

    public TraceWriter writer() {
        return writer;
    }

    public TraceRetention retention() {
        return retention;
    }

    public RevealExpiry revealExpiry() {
        return revealExpiry;
    }

    /** Trace storage for the purge subsystem's target registry. */
    public TracePurgeTarget purgeTarget() {
        return purgeTarget;
    }

    /**
     * Every purge target of the debugger: traces, debug windows and their audit kept under sequence names, and the
     * admins who gave reveal grants.
     */
    public List<PurgeTarget> purgeTargets() {
        return List.of(purgeTarget, names, grantors);
    }

    public Replay replay() {
        return replay;
    }

    /** Stops the jobs and writes queued traces (call after the engine has stopped running sequences). */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        writer.close();
    }
}
