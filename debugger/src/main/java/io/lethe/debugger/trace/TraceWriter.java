package io.lethe.debugger.trace;

import io.lethe.engine.store.BatchWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Writes traces in the background, in batches, so a run never waits on the database. Memory is
 * bounded twice: by the number of waiting traces and by their total size. When either is reached
 * the new trace is dropped and counted ({@link #dropped()}): a slow writer never slows runs down.
 */
public final class TraceWriter implements AutoCloseable {

    static final int BATCH = 100;

    private record Queued(Document document, long chars) {
    }

    private final BatchWriter<Queued> writer;

    public TraceWriter(Consumer<List<Document>> sink, int capacity, long budgetChars) {
        this.writer = new BatchWriter<>("debug traces", batch -> sink.accept(batch.stream().map(Queued::document).toList()),
                capacity, BATCH, Queued::chars, budgetChars, () -> { }, Duration.ofDays(1), Duration.ofSeconds(1));
    }

    /** Queues a trace; returns false (and counts a drop) when the writer is too far behind. */
    public boolean offer(Document trace, long chars) {
        return writer.offer(new Queued(trace, chars));
    }

    /** True when a new trace would be dropped: better not to capture it at all. */
    public boolean saturated() {
        return writer.saturated();
    }

    /** Counts a trace given up on before it reached the queue. */
    void drop() {
        writer.drop(1);
    }

    /** Traces not stored because the writer fell behind or the database refused them. */
    public long dropped() {
        return writer.dropped();
    }

    public long written() {
        return writer.written();
    }

    /** Writes the traces queued so far without waiting for the writer's turn (a read right after a run). */
    public void writeQueued(Duration timeout) {
        writer.writeQueued(timeout);
    }

    /** Waits until everything queued so far is written or has failed (tests, shutdown, replay). */
    public void flush(Duration timeout) {
        writer.flush(timeout);
    }

    /** Writes what is queued (up to 10 s), then stops. */
    @Override
    public void close() {
        writer.close();
    }
}
