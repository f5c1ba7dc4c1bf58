package io.lethe.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.execution.ExecutionStats;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.MutableClock;
import io.lethe.engine.testkit.RawBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HousekeepingTest {

    @TempDir
    Path dir;

    @Test
    void shouldCollectOldDeactivatedInstancesOncePerHourAndRecordTheCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:15:00Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            lethe.model(Model.of("note", Attribute.of("text", AttributeType.STRING)));
            var instances = lethe.engine.instances();
            var old = instances.create("note", Map.of("text", "old"));
            instances.deactivate("note", old.id());
            clock.advance(Duration.ofDays(31));
            var recent = instances.create("note", Map.of("text", "recent"));
            instances.deactivate("note", recent.id());

            boolean ran = lethe.engine.housekeeping().runIfDue();
            boolean again = lethe.engine.housekeeping().runIfDue();

            assertThat(ran).isTrue();
            assertThat(again).as("second run in the same hour").isFalse();
            assertThat(instances.count("note", List.of(), true)).isEqualTo(1);
            assertThat(lethe.engine.jobRuns().latest(Housekeeping.JOB, 5)).singleElement()
                    .satisfies(run -> assertThat(run.counts()).containsEntry("removed", 1L));
        }
    }

    @Test
    void shouldDeleteInstancesUnchangedForLongerThanTheirModelsRetentionWithoutEvents() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:15:00Z"));
        String canary = "expired-" + UUID.randomUUID();
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            lethe.model(new Model("lead", null, List.of(Attribute.of("email", AttributeType.STRING)), 10));
            lethe.model(Model.of("note", Attribute.of("text", AttributeType.STRING)));
            var instances = lethe.engine.instances();
            var old = instances.create("lead", Map.of("email", canary));
            var hidden = instances.create("lead", Map.of("email", "hidden@example.org"));
            instances.deactivate("lead", hidden.id());
            var touched = instances.create("lead", Map.of("email", "touched@example.org"));
            var kept = instances.create("note", Map.of("text", "no retention"));
            clock.advance(Duration.ofDays(5));
            instances.update("lead", touched.id(), Map.of("email", "changed@example.org"));
            clock.advance(Duration.ofDays(6));
            List<String> events = new ArrayList<>();
            instances.events().subscribe(e -> events.add(e.type().name()));

            lethe.engine.housekeeping().runIfDue();

            assertThat(instances.find("lead", old.id())).isEmpty();
            assertThat(instances.find("lead", hidden.id())).as("deactivated ones too, before their garbage collection").isEmpty();
            assertThat(instances.find("lead", touched.id())).as("changed 6 days ago").isPresent();
            assertThat(instances.find("note", kept.id())).as("a model without retention").isPresent();
            assertThat(events).as("no event hands the data on").isEmpty();
            assertThat(lethe.engine.jobRuns().latest(Housekeeping.JOB, 5)).singleElement()
                    .satisfies(run -> assertThat(run.counts()).containsEntry("expired", 2L));
            assertThat(RawBytes.filesContaining(dir, canary)).as("the first run compacts").isEmpty();
        }
    }

    @Test
    void shouldCompactOnceADaySoThatDeletedValuesLeaveTheDatabaseFile() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:15:00Z"));
        String canary = "gone-" + UUID.randomUUID();
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            lethe.model(Model.of("note", Attribute.of("text", AttributeType.STRING)));
            var instances = lethe.engine.instances();
            assertThat(lethe.engine.housekeeping().runIfDue()).isTrue(); // the first run compacts: none did before
            var note = instances.create("note", Map.of("text", canary));
            lethe.database.flush();
            instances.delete("note", note.id());
            lethe.database.flush();
            assertThat(RawBytes.filesContaining(dir, canary)).as("deleted, but still in a free page").isNotEmpty();

            clock.advance(Duration.ofHours(1));
            lethe.engine.housekeeping().runIfDue();
            assertThat(RawBytes.filesContaining(dir, canary)).as("no compaction within a day of the last").isNotEmpty();
            clock.advance(Duration.ofHours(23));
            lethe.engine.housekeeping().runIfDue();

            assertThat(RawBytes.filesContaining(dir, canary)).isEmpty();
            assertThat(lethe.engine.jobRuns().latest(Housekeeping.COMPACTION_JOB, 5)).hasSize(2)
                    .allSatisfy(run -> assertThat(run.counts()).containsKeys("bytesBefore", "bytesAfter"));
        }
    }

    @Test
    void shouldPutTheDailyCompactionOffWhileSomethingNeedsItsCursors() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:15:00Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            boolean[] busy = {true};
            lethe.engine.housekeeping().deferCompactionWhile(() -> busy[0]);

            lethe.engine.housekeeping().runIfDue();
            assertThat(lethe.engine.jobRuns().latest(Housekeeping.COMPACTION_JOB, 5)).isEmpty();
            busy[0] = false;
            clock.advance(Duration.ofHours(1));
            lethe.engine.housekeeping().runIfDue();

            assertThat(lethe.engine.jobRuns().latest(Housekeeping.COMPACTION_JOB, 5)).hasSize(1);
        }
    }

    @Test
    void shouldDeleteExecutionRecordsAndRunCountsOlderThanTheirRetention() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:15:00Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            String seq = lethe.sequence(List.of(BlockDefinition.of("say", "script", Map.of("source", "return 1;"))));
            String old = lethe.run(seq, null).executionId();
            clock.advance(Duration.ofDays(31));
            String recent = lethe.run(seq, null).executionId();
            lethe.engine.recorder().flush(Duration.ofSeconds(5));
            var minutes = lethe.database.collection(ExecutionStats.COLLECTION);
            assertThat(minutes.countDocuments()).as("a minute counted for each run").isEqualTo(2);

            assertThat(lethe.engine.housekeeping().runIfDue()).isTrue();

            assertThat(lethe.engine.executions().find(old)).isEmpty();
            assertThat(lethe.engine.executions().find(recent)).isPresent();
            assertThat(minutes.countDocuments()).isEqualTo(1);
            assertThat(lethe.engine.jobRuns().latest(Housekeeping.JOB, 5)).singleElement()
                    .satisfies(run -> assertThat(run.counts()).containsEntry("executionsRemoved", 1L).containsEntry("runCountMinutesRemoved", 1L));

            clock.advance(Duration.ofDays(31));
            assertThat(lethe.engine.housekeeping().runIfDue()).isTrue();
            assertThat(lethe.engine.jobRuns().latest(Housekeeping.JOB, 5)).as("the records of job runs go as old")
                    .singleElement().satisfies(run -> assertThat(run.counts()).containsEntry("jobRunsRemoved", 2L)); // its first run, the compaction
        }
    }

    @Test
    void shouldUseTheRetentionAnAdminSetFromItsNextRun() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:15:00Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            lethe.model(Model.of("note", Attribute.of("text", AttributeType.STRING)));
            var instances = lethe.engine.instances();
            instances.deactivate("note", instances.create("note", Map.of("text", "a week ago")).id());
            String seq = lethe.sequence(List.of(BlockDefinition.of("say", "script", Map.of("source", "return 1;"))));
            String weekOld = lethe.run(seq, null).executionId();
            lethe.engine.recorder().flush(Duration.ofSeconds(5));
            clock.advance(Duration.ofDays(7));
            RetentionPolicy policy = lethe.engine.retention();
            assertThat(policy.current()).isEqualTo(Retention.DEFAULTS);
            lethe.engine.housekeeping().runIfDue();
            assertThat(instances.countDeactivated("note")).as("30 days by default").isEqualTo(1);

            policy.set(new Retention(Duration.ofDays(5), Duration.ofDays(6), Duration.ofDays(30), Duration.ofDays(2), 3), "ada");
            clock.advance(Duration.ofHours(1));
            lethe.engine.housekeeping().runIfDue();

            assertThat(instances.countDeactivated("note")).isZero();
            assertThat(lethe.engine.executions().find(weekOld)).isEmpty();
            assertThat(policy.current().traces()).isEqualTo(Duration.ofDays(2));
            assertThat(policy.history()).singleElement().satisfies(change -> {
                assertThat(change.by()).isEqualTo("ada");
                assertThat(change.at()).isEqualTo(Instant.parse("2026-11-08T08:15:00Z"));
            });
            assertThat(policy.defaults()).isEqualTo(Retention.DEFAULTS);
        }
    }
}
