package io.lethe.debugger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.debugger.trace.TraceWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class TraceWriterTest {

    @Test
    void shouldDropAndCountTracesWhenTheQueueIsFullWithoutBlocking() throws Exception {
        // given a writer stuck writing its first trace, with room for two more
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        List<Document> written = new CopyOnWriteArrayList<>();
        try (TraceWriter writer = new TraceWriter(batch -> {
            entered.countDown();
            await(stuck);
            written.addAll(batch);
        }, 2, Long.MAX_VALUE)) {
            writer.offer(new Document("_id", "first"), 10);
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            // when ten more arrive
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += writer.offer(new Document("_id", "t" + i), 10) ? 1 : 0;
            }

            // then two are queued, eight dropped and counted, and all kept ones are written later
            assertThat(accepted).isEqualTo(2);
            assertThat(writer.dropped()).isEqualTo(8);
            stuck.countDown();
            writer.flush(Duration.ofSeconds(5));
            assertThat(written).extracting(d -> d.getString("_id")).containsExactly("first", "t0", "t1");
        }
    }

    @Test
    void shouldDropTracesBeyondTheMemoryBudget() {
        // given
        CountDownLatch stuck = new CountDownLatch(1);
        try (TraceWriter writer = new TraceWriter(batch -> await(stuck), 100, 1_000)) {

            // when
            boolean small = writer.offer(new Document("_id", "small"), 600);
            boolean big = writer.offer(new Document("_id", "big"), 600);

            // then
            assertThat(small).isTrue();
            assertThat(big).isFalse();
            assertThat(writer.dropped()).isEqualTo(1);
            stuck.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
