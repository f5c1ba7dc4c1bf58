package io.lethe.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    private BatchWriter<String> writer(int batchSize, Duration spacing) {
        return new BatchWriter<>("things", batch -> batches.add(new ArrayList<>(batch)), 100, batchSize, item -> 0,
                Long.MAX_VALUE, () -> { }, Duration.ofDays(1), spacing);
    }

    @Test
    void shouldWriteAtOnceAfterAQuietSpellThenGatherWhatComesWithinTheSpacing() throws Exception {
        try (BatchWriter<String> writer = writer(10, LONG)) {
            writer.offer("a");
            within5s(() -> writer.written() == 1);

            writer.offer("b");
            writer.offer("c");
            Thread.sleep(300);
            assertThat(writer.written()).isEqualTo(1); // waiting for its turn, 30 s after the first write

            writer.flush(Duration.ofSeconds(5)); // a flush does not wait for the turn
            assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"));
        }
    }

    @Test
    void shouldWriteWhatIsQueuedForAReadWithoutWaitingForItsTurnOrThePeriodicTask() {
        AtomicInteger periodic = new AtomicInteger();
        try (BatchWriter<String> writer = new BatchWriter<>("things", batch -> batches.add(new ArrayList<>(batch)), 100, 10,
                item -> 0, Long.MAX_VALUE, periodic::incrementAndGet, Duration.ofDays(1), LONG)) {
            long started = System.nanoTime();
            writer.writeQueued(Duration.ofSeconds(5)); // nothing queued: returns at once
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

            writer.offer("a");
            within5s(() -> writer.written() == 1);
            writer.offer("b");
            writer.writeQueued(Duration.ofSeconds(5));

            assertThat(writer.written()).isEqualTo(2);
            assertThat(batches).containsExactly(List.of("a"), List.of("b"));
            assertThat(periodic).hasValue(0); // a flush would have run it
        }
    }

    @Test
    void shouldWriteAFullBatchWithoutWaitingForItsTurn() {
        try (BatchWriter<String> writer = writer(3, LONG)) {
            writer.offer("a");
            within5s(() -> writer.written() == 1);

            writer.offer("b");
            writer.offer("c");
            writer.offer("d");
            within5s(() -> writer.written() == 4);
            assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
        }
    }

    @Test
    void shouldWriteWhatIsQueuedWhenClosedWithoutWaitingForItsTurn() {
        BatchWriter<String> writer = writer(10, LONG);
        writer.offer("a");
        within5s(() -> writer.written() == 1);
        writer.offer("b");

        long started = System.nanoTime();
        writer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void shouldWriteEachItemAtOnceWithoutSpacing() {
        try (BatchWriter<String> writer = writer(10, Duration.ZERO)) {
            writer.offer("a");
            within5s(() -> writer.written() == 1);
            writer.offer("b");
            within5s(() -> writer.written() == 2);
            assertThat(batches).containsExactly(List.of("a"), List.of("b"));
        }
    }

    private static void within5s(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
