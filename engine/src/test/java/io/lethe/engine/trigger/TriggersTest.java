package io.lethe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.execution.ExecutionRecord;
import io.lethe.engine.execution.ExecutionStatus;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.Trigger;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggersTest {

    @TempDir
    Path dir;

    @Test
    void shouldMatchHttpHooksExactBeforeParameterised() {
        HttpTriggers hooks = new HttpTriggers();
        hooks.rebuild(List.of(
                sequence("byId", new Trigger.Http("GET", "/orders/:id")),
                sequence("latest", new Trigger.Http("GET", "/orders/latest")),
                sequence("create", new Trigger.Http("POST", "/orders")),
                sequence("duplicate", new Trigger.Http("POST", "/orders/"))));

        assertThat(hooks.match("GET", "/orders/latest")).hasValueSatisfying(m -> assertThat(m.sequence()).isEqualTo("latest"));
        assertThat(hooks.match("GET", "/orders/42")).hasValueSatisfying(m -> {
            assertThat(m.sequence()).isEqualTo("byId");
            assertThat(m.params()).containsEntry("id", "42");
        });
        // The first of two triggers on one method and path answers, however the path is written.
        assertThat(hooks.match("POST", "/orders/")).hasValueSatisfying(m -> assertThat(m.sequence()).isEqualTo("create"));
        assertThat(hooks.match("POST", "/orders")).hasValueSatisfying(m -> {
            assertThat(m.sequence()).isEqualTo("create");
            assertThat(m.pattern()).isEqualTo("/orders");
            assertThat(m.params()).isEmpty();
        });
        assertThat(hooks.match("DELETE", "/orders/42")).isEmpty();
        assertThat(hooks.match("GET", "/orders/42/items")).isEmpty();
    }

    @Test
    void shouldDecodePathParameters() {
        HttpTriggers hooks = new HttpTriggers();
        hooks.rebuild(List.of(sequence("byEmail", new Trigger.Http("GET", "/people/:email"))));

        assertThat(hooks.match("GET", "/people/ada%40example.org").orElseThrow().params()).containsEntry("email", "ada@example.org");
        assertThat(hooks.match("GET", "/people/a%2Fb%20c+d").orElseThrow().params()).containsEntry("email", "a/b c+d");
        assertThat(hooks.match("GET", "/people/%E2%82%AC").orElseThrow().params()).containsEntry("email", "\u20ac");
        assertThat(hooks.match("GET", "/people/100%").orElseThrow().params()).as("malformed: as it came").containsEntry("email", "100%");
        assertThat(hooks.match("GET", "/people/%C3").orElseThrow().params()).as("not UTF-8: as it came").containsEntry("email", "%C3");
    }

    @Test
    void shouldFireEachScheduledTickInExactlyOneOfTwoEnginesSharingADatabase() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:30Z"));
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            List<String> firedByA = new CopyOnWriteArrayList<>();
            List<String> firedByB = new CopyOnWriteArrayList<>();
            ScheduleTriggers a = new ScheduleTriggers(lethe.database, clock, (seq, tick) -> firedByA.add(seq + "@" + tick));
            ScheduleTriggers b = new ScheduleTriggers(lethe.database, clock, (seq, tick) -> firedByB.add(seq + "@" + tick));
            List<Sequence> sequences = List.of(sequence("everyMinute", new Trigger.Schedule("* * * * *")));
            a.rebuild(sequences);
            b.rebuild(sequences);

            for (int minute = 0; minute < 3; minute++) {
                clock.advance(Duration.ofMinutes(1));
                a.tick();
                b.tick();
            }

            assertThat(firedByA.size() + firedByB.size()).isEqualTo(3);
            assertThat(concat(firedByA, firedByB)).containsExactlyInAnyOrder(
                    "everyMinute@2026-11-25T10:01:00Z", "everyMinute@2026-11-25T10:02:00Z", "everyMinute@2026-11-25T10:03:00Z");
        }
    }

    @Test
    void shouldReadAScheduleInItsTimeZoneSummerTimeIncluded() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-27T00:00:00Z")); // Paris moves to summer time on the 29th
        try (EngineFixture lethe = new EngineFixture(dir, clock)) {
            List<Instant> fired = new CopyOnWriteArrayList<>();
            ScheduleTriggers triggers = new ScheduleTriggers(lethe.database, clock, (seq, tick) -> fired.add(tick));
            triggers.rebuild(List.of(sequence("nineInParis", new Trigger.Schedule("0 9 * * *", "Europe/Paris"))));

            for (int hour = 0; hour < 4 * 24; hour++) {
                clock.advance(Duration.ofHours(1));
                triggers.tick();
            }

            assertThat(fired).containsExactly(Instant.parse("2026-03-27T08:00:00Z"), Instant.parse("2026-03-28T08:00:00Z"),
                    Instant.parse("2026-03-29T07:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"));
        }
    }

    @Test
    void shouldRunSequencesOnInstanceEvents() throws Exception {
        try (EngineFixture lethe = new EngineFixture(dir)) {
            String model = EngineFixture.unique("order");
            lethe.model(Model.of(model, Attribute.of("total", AttributeType.NUMBER), Attribute.of("audited", AttributeType.BOOLEAN)));
            lethe.engine.sequences().save(Sequence.of(EngineFixture.unique("audit"), "mark", List.of(
                    BlockDefinition.of("mark", "update-instance", Map.of("model", model, "id", "{{input.instance.id}}",
                            "values", Map.of("audited", true)))), new Trigger.InstanceEvent(model, List.of("created"))));

            var order = lethe.engine.instances().create(model, Map.of("total", 10));

            long deadline = System.currentTimeMillis() + 5000;
            while (!Boolean.TRUE.equals(lethe.engine.instances().get(model, order.id()).data().get("audited"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lethe.engine.instances().get(model, order.id()).data()).containsEntry("audited", true);
        }
    }

    @Test
    void shouldStopASequenceThatUpdatesTheInstanceThatTriggersIt() throws Exception {
        try (EngineFixture lethe = new EngineFixture(dir)) {
            String model = EngineFixture.unique("counter");
            lethe.model(Model.of(model, Attribute.of("n", AttributeType.NUMBER)));
            String bump = EngineFixture.unique("bump");
            lethe.engine.sequences().save(Sequence.of(bump, "inc", List.of(
                    BlockDefinition.of("inc", "update-instance", Map.of("model", model, "id", "{{input.instance.id}}",
                            "values", Map.of("n", "{{input.instance.data.n}}")))), new Trigger.InstanceEvent(model, List.of("updated"))));
            var counter = lethe.engine.instances().create(model, Map.of("n", 0));

            lethe.engine.instances().update(model, counter.id(), Map.of("n", 1));

            long deadline = System.currentTimeMillis() + 10_000;
            List<ExecutionRecord> records = List.of();
            while (records.stream().noneMatch(r -> r.status() == ExecutionStatus.FAILED) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                lethe.engine.recorder().flush(Duration.ofSeconds(5));
                records = lethe.engine.executions().list(bump, null, null, 100);
            }
            Thread.sleep(300); // a run for ever would go on adding records
            lethe.engine.recorder().flush(Duration.ofSeconds(5));
            records = lethe.engine.executions().list(bump, null, null, 100);
            assertThat(records).filteredOn(r -> r.status() == ExecutionStatus.SUCCEEDED).hasSize(InstanceTriggers.MAX_CASCADE);
            assertThat(records).filteredOn(r -> r.status() == ExecutionStatus.FAILED).singleElement().satisfies(r -> {
                assertThat(r.error()).startsWith("not run: instance events triggered runs 8 deep");
                assertThat(r.trigger()).isEqualTo("instance");
                assertThat(r.path()).isEmpty();
            });
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Sequence sequence(String name, Trigger trigger) {
        return Sequence.of(name, "x", List.of(BlockDefinition.of("x", "log", Map.of("message", "hi"))), trigger);
    }
}
