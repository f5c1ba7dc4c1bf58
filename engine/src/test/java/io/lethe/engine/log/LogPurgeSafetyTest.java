package io.lethe.engine.log;

import static io.lethe.engine.log.LogFiles.allLines;
import static io.lethe.engine.log.LogFiles.line;
import static io.lethe.engine.log.LogFiles.lines;
import static io.lethe.engine.log.LogFiles.range;
import static io.lethe.engine.log.LogFiles.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.testkit.RawBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPurgeSafetyTest {

    private static final String CANARY = "canary-7f3a@example.org";

    @TempDir
    Path dir;

    @Test
    void shouldLeaveTheOldSegmentWhenACrashStopsARewriteAndFinishOnTheNextRun() throws IOException {
        // given
        List<String> original = List.of(line("2026-11-25T14:05:00Z", CANARY), line("2026-11-25T14:50:00Z", "keep"));
        Path file = segment(dir, "2026-11-25T14:00:00Z", true, original);
        LogPurgeRequest request = range("2026-11-25T14:00:00Z", "2026-11-25T14:30:00Z", LogFilter.NONE);
        LogPurger crashing = new LogPurger(new LogSegments(dir), SegmentLock.NONE, (temp, target) -> {
            assertThat(lines(temp)).containsExactly(original.get(1));
            throw new IOException("simulated crash before the rename");
        });

        // when
        assertThatThrownBy(() -> crashing.run(request)).isInstanceOf(UncheckedIOException.class);

        // then the old segment is whole
        assertThat(lines(file)).isEqualTo(original);

        // and given a temp file a hard crash left behind, when the purge runs again
        Path stale = SegmentRewrite.tempOf(file);
        try (var out = new GZIPOutputStream(Files.newOutputStream(stale))) {
            out.write((original.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        LogPurgeResult result = new LogPurger(new LogSegments(dir)).run(request);

        // then it completes and nothing of the purged line is left, not even in the stale temp
        assertThat(result.linesRemoved()).isEqualTo(1);
        assertThat(lines(file)).containsExactly(original.get(1));
        assertThat(stale).doesNotExist();
        assertThat(RawBytes.filesContaining(dir, CANARY)).isEmpty();
    }

    @Test
    void shouldLeaveNoByteOfTheCanaryAndKeepEveryLineOutsideTheScope() {
        // given four hours of lines (three gzipped, the current one plain); the canary only inside the range
        List<String> expectedKept = new ArrayList<>();
        for (int hour = 12; hour <= 15; hour++) {
            List<String> lines = new ArrayList<>();
            for (int minute = 0; minute < 60; minute += 3) {
                String at = "2026-11-25T%02d:%02d:00.%03dZ".formatted(hour, minute, minute);
                boolean inRange = (hour == 13 && minute >= 20) || hour == 14;
                boolean withCanary = inRange && minute % 9 == 0;
                String l = line(at, withCanary ? "user " + CANARY.toUpperCase() + " did " + minute : "tick " + minute);
                lines.add(l);
                if (!withCanary) {
                    expectedKept.add(l);
                }
            }
            segment(dir, "2026-11-25T%02d:00:00Z".formatted(hour), hour < 15, lines);
        }
        LogPurgeRequest request = range("2026-11-25T13:20:00Z", "2026-11-25T15:00:00Z", LogFilter.matching(CANARY));

        // when
        LogPurgeResult result = new LogPurger(new LogSegments(dir)).run(request);

        // then
        assertThat(RawBytes.filesContaining(dir, CANARY.toUpperCase())).isEmpty();
        assertThat(RawBytes.filesContaining(dir, CANARY)).isEmpty();
        assertThat(allLines(dir)).isEqualTo(expectedKept);
        assertThat(result.linesRemoved()).isEqualTo(80 - expectedKept.size());
        assertThat(new LogPurger(new LogSegments(dir)).verify(request).remaining()).isZero();
    }

    @Test
    void shouldRemoveTheCanaryFromTheRangeOnlyWhenTheRangeIsGiven() {
        // given
        String inside = line("2026-11-25T14:05:00Z", CANARY);
        String outside = line("2026-11-25T14:45:00Z", CANARY);
        Path file = segment(dir, "2026-11-25T14:00:00Z", true, List.of(inside, outside));
        LogPurgeRequest request = range("2026-11-25T14:00:00Z", "2026-11-25T14:30:00Z", LogFilter.matching(CANARY));

        // when
        LogPurgeResult result = new LogPurger(new LogSegments(dir)).run(request);

        // then
        assertThat(lines(file)).containsExactly(outside);
        assertThat(result.linesRemoved()).isEqualTo(1);
        assertThat(new LogPurger(new LogSegments(dir)).verify(request).clean()).isTrue();
    }

    @Test
    void shouldLetTwoRunsOfOnePurgerTakeTurnsInsteadOfRefusingTheSecond() throws Exception {
        // given: a run held inside its rewrite until a second run on the same purger is waiting
        Path early = segment(dir, "2026-11-25T13:00:00Z", true, List.of(line("2026-11-25T13:05:00Z", CANARY), line("2026-11-25T13:50:00Z", "keep")));
        Path late = segment(dir, "2026-11-25T15:00:00Z", true, List.of(line("2026-11-25T15:05:00Z", CANARY), line("2026-11-25T15:50:00Z", "keep")));
        var inRewrite = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        LogPurger purger = new LogPurger(new LogSegments(dir), SegmentLock.NONE, (temp, target) -> {
            if (target.equals(early)) {
                inRewrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        });
        try (var threads = Executors.newFixedThreadPool(2)) {
            var first = threads.submit(() -> purger.run(range("2026-11-25T13:00:00Z", "2026-11-25T13:30:00Z", LogFilter.NONE)));
            inRewrite.await();
            var second = threads.submit(() -> purger.run(range("2026-11-25T15:00:00Z", "2026-11-25T15:30:00Z", LogFilter.NONE)));

            // when the second has queued behind the first, and the first goes on
            Thread.sleep(200); // the second is blocked on the turn by now, or refused (before: a ConflictException)
            boolean refusedOrDone = second.isDone();
            release.countDown();
            assertThat(refusedOrDone).as("waits for its turn").isFalse();

            // then both finish
            assertThat(first.get().linesRemoved()).isEqualTo(1);
            assertThat(second.get().linesRemoved()).isEqualTo(1);
        }
        assertThat(lines(early)).containsExactly(line("2026-11-25T13:50:00Z", "keep"));
        assertThat(lines(late)).containsExactly(line("2026-11-25T15:50:00Z", "keep"));
    }
}
