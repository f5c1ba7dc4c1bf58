package io.lethe.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplingTest {

    @TempDir
    Path dir;

    @Test
    void shouldRecordEveryFailureASampleOfSuccessesAndCountEverything() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00.100Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            String seq = lethe.sequence(List.of(BlockDefinition.of("maybe", "script",
                    Map.of("source", "if (input.fail) throw new Error('no'); return 1;"))));

            for (int i = 0; i < 80; i++) {
                lethe.run(seq, Map.of("fail", false));
            }
            for (int i = 0; i < 7; i++) {
                lethe.run(seq, Map.of("fail", true));
            }
            clock.advance(Duration.ofSeconds(1));
            lethe.run(seq, Map.of("fail", false));
            lethe.engine.recorder().flush(Duration.ofSeconds(5));

            // 80 successes at one instant: a second's worth goes through at once; a second later one more
            int perSecond = ExecutionRecorder.DEFAULT_SAMPLE_PER_SECOND;
            var records = lethe.engine.executions().list(seq, null, null, 1000);
            assertThat(records.stream().filter(r -> r.status() == ExecutionStatus.FAILED)).hasSize(7);
            assertThat(records.stream().filter(r -> r.status() == ExecutionStatus.SUCCEEDED)).hasSize(perSecond + 1);
            assertThat(lethe.engine.recorder().sampledOut()).isEqualTo(80 - perSecond);
            var minute = lethe.engine.recorder().stats().latest(seq, 5);
            assertThat(minute).singleElement().satisfies(m -> {
                assertThat(m.runs()).isEqualTo(88);
                assertThat(m.failed()).isEqualTo(7);
            });
        }
    }

    @Test
    void shouldRecordRunsSpreadOverTheSecondAtTheSampleRate() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00.000Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            String seq = lethe.sequence(List.of(BlockDefinition.of("ok", "script", Map.of("source", "return 1;"))));
            int perSecond = ExecutionRecorder.DEFAULT_SAMPLE_PER_SECOND;

            for (int i = 0; i < 300; i++) { // 100 runs a second for 3 s
                lethe.run(seq, Map.of());
                clock.advance(Duration.ofMillis(10));
            }
            lethe.engine.recorder().flush(Duration.ofSeconds(5));

            var started = lethe.engine.executions().list(seq, null, null, 1000).stream()
                    .map(ExecutionRecord::startedAt).filter(at -> !at.isBefore(Instant.parse("2026-11-25T12:00:01.000Z"))).toList();
            assertThat(started).hasSize(2 * perSecond); // the steady rate once the burst is spent
            assertThat(started.stream().map(at -> at.toEpochMilli() % 1000 / 100).distinct()).hasSize(Math.min(10, perSecond));
        }
    }
}
