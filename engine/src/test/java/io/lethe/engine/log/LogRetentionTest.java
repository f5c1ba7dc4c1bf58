package io.lethe.engine.log;

import static io.lethe.engine.log.LogFiles.line;
import static io.lethe.engine.log.LogFiles.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.job.JobRuns;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import io.lethe.engine.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {

    @TempDir
    Path dir;

    @Test
    void shouldDeleteTheSegmentsOfHoursOlderThanTheRetentionWholeAndRecordIt() throws IOException {
        // given: the clock 30 days and 30 minutes after 10:00 on the 1st, so the cutoff is 10:00 on the 1st
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path old = segment(logs, "2026-10-01T09:00:00Z", true, List.of(line("2026-10-01T09:10:00Z", "old")));
        Path boundary = segment(logs, "2026-10-01T10:00:00Z", true, List.of(line("2026-10-01T10:05:00Z", "a"), line("2026-10-01T10:59:00Z", "b")));
        Path recent = segment(logs, "2026-10-31T10:00:00Z", false, List.of(line("2026-10-31T10:20:00Z", "now")));
        MutableClock clock = new MutableClock(Instant.parse("2026-10-31T10:30:00Z"));
        try (Database database = Database.open(DatabaseOptions.embedded(dir.resolve("db")))) {
            JobRuns runs = new JobRuns(database);
            LogRetention retention = new LogRetention(new LogPurger(new LogSegments(logs)), runs, clock, () -> Duration.ofDays(30));

            // when
            LogPurgeResult result = retention.sweep();

            // then: the hour wholly before the cutoff (10:00 on the 1st) goes, the cutoff's hour is not cut into
            assertThat(old).doesNotExist();
            assertThat(Files.exists(boundary)).isTrue();
            assertThat(LogFiles.lines(boundary)).hasSize(2);
            assertThat(LogFiles.lines(recent)).hasSize(1);
            assertThat(result.segmentsDeleted()).isEqualTo(1);
            assertThat(result.segmentsRewritten()).isZero();
            assertThat(runs.latest(LogRetention.JOB, 5)).singleElement()
                    .satisfies(run -> assertThat(run.counts()).containsEntry("segmentsDeleted", 1L).containsEntry("linesRemoved", 1L));
        }
    }
}
