package io.lethe.debugger.testkit;

import io.lethe.debugger.Debugger;
import io.lethe.debugger.DebuggerSettings;
import io.lethe.debugger.trace.TraceStore;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;

/** An engine over a temporary embedded database with the debugger attached and a hand-moved clock. */
public final class DebuggerFixture implements AutoCloseable {

    public final Path dir;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    public final EngineFixture lethe;
    public final Debugger debugger;

    public DebuggerFixture(Path dir) {
        this(dir, DebuggerSettings.defaults());
    }

    public DebuggerFixture(Path dir, DebuggerSettings settings) {
        this.dir = dir;
        this.lethe = new EngineFixture(dir, clock);
        this.debugger = new Debugger(lethe.engine, lethe.database, clock, settings);
        lethe.engine.runner().addListener(debugger.recorder());
    }

    /** Waits for queued traces to be written. */
    public void flush() {
        debugger.writer().flush(Duration.ofSeconds(10));
    }

    /** The raw stored document of a trace, after flushing; null when none was stored. */
    public Document raw(String executionId) {
        flush();
        return lethe.database.collection(TraceStore.COLLECTION).find(new Document("_id", executionId)).first();
    }

    public long storedTraces() {
        flush();
        return lethe.database.collection(TraceStore.COLLECTION).countDocuments();
    }

    @Override
    public void close() {
        debugger.close();
        lethe.close();
    }
}
