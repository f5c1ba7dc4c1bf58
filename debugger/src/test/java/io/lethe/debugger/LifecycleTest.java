package io.lethe.debugger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.debugger.testkit.DebuggerFixture;
import io.lethe.debugger.trace.RevealExpiry;
import io.lethe.debugger.trace.TraceJson;
import io.lethe.debugger.trace.TracePurgeTarget;
import io.lethe.debugger.trace.TraceRetention;
import io.lethe.debugger.window.DebugWindows;
import io.lethe.debugger.window.RevealNotGrantedException;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.RawBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

    static final String SECRET = "sk-test-0a1b2c3d4e";

    @TempDir
    static Path dir;

    static DebuggerFixture fx;

    @BeforeAll
    static void start() {
        fx = new DebuggerFixture(dir);
        fx.lethe.model(Model.of(EngineFixture.unique("Patient"),
                Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL)));
        fx.lethe.engine.connectors().save(new ConnectorAccount("lab", null, "https://lab.example.org", Map.of("Authorization", SECRET)));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static String echo() {
        return fx.lethe.sequence(List.of(BlockDefinition.of("echo", "script", Map.of("source", "return input;"))));
    }

    @Test
    void shouldRefuseAnUnredactedWindowWithoutTheRevealGrant() {
        // given
        String seq = echo();

        // when / then
        assertThatThrownBy(() -> fx.debugger.windows().open(seq, "nora", null, true))
                .isInstanceOf(RevealNotGrantedException.class).hasMessageContaining("reveal permission");
        assertThat(fx.debugger.windows().active(seq)).isNull();
    }

    @Test
    void shouldAuditAnUnredactedWindowAndKeepItShort() {
        // given
        String seq = echo();
        fx.debugger.grants().grant("rita", "root");

        // when
        assertThatThrownBy(() -> fx.debugger.windows().open(seq, "rita", Duration.ofMinutes(16), true))
                .isInstanceOf(InvalidInputException.class);
        var window = fx.debugger.windows().open(seq, "rita", null, true);

        // then
        assertThat(Duration.between(window.openedAt(), window.expiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(fx.debugger.audit().latest(50)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("unredacted-window-opened");
            assertThat(e.actor()).isEqualTo("rita");
            assertThat(e.sequence()).isEqualTo(seq);
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("reveal-granted");
            assertThat(e.actor()).isEqualTo("root");
        });
    }

    @Test
    void shouldKeepPersonalValuesButNeverSecretsInAnUnredactedWindow() {
        // given
        String seq = echo();
        fx.debugger.grants().grant("rita", "root");
        fx.debugger.windows().open(seq, "rita", Duration.ofMinutes(5), true);

        // when
        ExecutionResult result = fx.lethe.run(seq, Map.of("email", "kim@example.org", "note", "key " + SECRET, "token", "tok-12345"));

        // then
        String json = fx.raw(result.executionId()).toJson();
        assertThat(json).contains("kim@example.org").contains("\"redacted\": false");
        assertThat(json).doesNotContain(SECRET).doesNotContain("tok-12345");
    }

    @Test
    void shouldRedactAnUnredactedTraceInPlaceOnceItsRevealTimeIsOver(@TempDir Path own) {
        try (DebuggerFixture local = new DebuggerFixture(own)) {
            // given: a run captured in clear by a reveal window
            local.lethe.model(Model.of(EngineFixture.unique("Patient"),
                    Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL)));
            String seq = local.lethe.sequence(List.of(BlockDefinition.of("echo", "script", Map.of("source", "return {seen: input.email};"))));
            local.debugger.grants().grant("rita", "root");
            local.debugger.windows().open(seq, "rita", Duration.ofMinutes(5), true);
            String id = local.lethe.run(seq, Map.of("email", "kim.reveal@example.org")).executionId();
            local.flush();
            assertThat(local.debugger.revealExpiry().sweep()).as("not due yet").isZero();
            assertThat(local.raw(id).toJson()).contains("kim.reveal@example.org");

            // when: its time in clear is over
            local.clock.advance(RevealExpiry.REVEALED_FOR.plusSeconds(1));
            long redacted = local.debugger.revealExpiry().sweep();

            // then: redacted as a redacted window would have stored it, kept, no longer replayable
            assertThat(redacted).isEqualTo(1);
            Document trace = local.raw(id);
            assertThat(trace.toJson()).doesNotContain("kim.reveal@example.org").contains("[redacted:hmac:");
            assertThat(trace.getBoolean("redacted")).isTrue();
            assertThat(trace.getInteger("inputRedactions")).isEqualTo(1);
            assertThat(local.debugger.revealExpiry().sweep()).as("nothing more to do").isZero();
            local.lethe.database.compact();
            assertThat(RawBytes.filesContaining(own, "kim.reveal@example.org")).isEmpty();
        }
    }

    @Test
    void shouldSeeAWindowOpenedByAnotherProcessAfterARefresh() {
        // given a second process's view of the same database
        String seq = echo();
        var elsewhere = new DebugWindows(fx.lethe.database, s -> true, fx.debugger.grants(),
                fx.debugger.audit(), fx.clock, DebuggerSettings.defaults());

        // when
        elsewhere.open(seq, "otto", Duration.ofMinutes(5), false);

        // then
        assertThat(fx.debugger.windows().active(seq)).isNull();
        fx.debugger.windows().refresh();
        assertThat(fx.debugger.windows().active(seq)).isNotNull();
    }

    @Test
    void shouldSwitchOffTheWindowOfADeletedSequenceSoANewOneOfTheSameNameIsNotTraced() {
        String seq = echo();
        fx.debugger.windows().open(seq, "dora", Duration.ofMinutes(30), false);

        fx.lethe.engine.sequences().delete(seq);

        assertThat(fx.debugger.windows().active(seq)).isNull();
        assertThat(fx.debugger.windows().find(seq).orElseThrow().closedBy()).isEqualTo("lethe (sequence deleted)");
    }

    @Test
    void shouldReplayATraceWhoseInputWasKeptInClear() {
        // given
        String seq = echo();
        fx.debugger.windows().open(seq, "dora", null, false);
        ExecutionResult original = fx.lethe.run(seq, Map.of("plan", "gold", "n", 3));
        fx.flush();

        // when
        Replay.Result replay = fx.debugger.replay().replay(original.executionId(), "dora");

        // then
        assertThat(replay.status()).isEqualTo("succeeded");
        var trace = fx.raw(replay.executionId());
        assertThat(trace.getString("replayOf")).isEqualTo(original.executionId());
        assertThat(TraceJson.of(trace).get("input")).isEqualTo(Map.of("plan", "gold", "n", 3));
        assertThat(fx.debugger.audit().latest(50)).anySatisfy(e -> assertThat(e.action()).isEqualTo("replay"));
    }

    @Test
    void shouldRefuseToReplayATraceWhoseInputWasRedacted() {
        // given
        String seq = echo();
        fx.debugger.windows().open(seq, "dora", null, false);
        ExecutionResult original = fx.lethe.run(seq, Map.of("email", "lee@example.org"));
        fx.flush();

        // when / then
        assertThatThrownBy(() -> fx.debugger.replay().replay(original.executionId(), "dora"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("redacted at capture (1 value)").hasMessageContaining("unredacted debug window");
    }

    @Test
    void shouldDeleteTracesOlderThanTheRetentionAgeAndRecordTheCount() {
        // given
        String seq = echo();
        fx.debugger.windows().open(seq, "dora", Duration.ofHours(8), false);
        ExecutionResult old = fx.lethe.run(seq, Map.of());
        fx.clock.advance(Duration.ofDays(7).plusMinutes(1));
        fx.debugger.windows().open(seq, "dora", null, false);
        ExecutionResult fresh = fx.lethe.run(seq, Map.of());
        fx.flush();

        // when
        TraceRetention.Sweep sweep = fx.debugger.retention().sweep();

        // then
        assertThat(sweep.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(fx.raw(old.executionId())).isNull();
        assertThat(fx.raw(fresh.executionId())).isNotNull();
        assertThat(fx.lethe.engine.jobRuns().latest(TraceRetention.JOB, 1)).singleElement()
                .satisfies(run -> assertThat(run.counts()).containsEntry("deleted", sweep.deleted()));
    }

    @Test
    void shouldPurgeTracesOfASequenceInATimeRangeIdempotently() {
        // given
        String seq = echo();
        String other = echo();
        fx.debugger.windows().open(seq, "dora", null, false);
        fx.debugger.windows().open(other, "dora", null, false);
        ExecutionResult a = fx.lethe.run(seq, Map.of());
        ExecutionResult b = fx.lethe.run(seq, Map.of());
        ExecutionResult kept = fx.lethe.run(other, Map.of());
        fx.flush();
        TracePurgeTarget target = fx.debugger.purgeTarget();
        var scope = new PurgeScope.Traces(seq, fx.clock.instant().minusSeconds(60), fx.clock.instant().plusSeconds(60));

        // when
        long planned = target.plan(scope);
        PurgeCounts done = target.execute(scope);
        PurgeCounts again = target.execute(scope);

        // then
        assertThat(target.name()).isEqualTo("debug-traces");
        assertThat(target.collections()).containsExactly("debug_traces");
        assertThat(planned).isEqualTo(2);
        assertThat(done).isEqualTo(new PurgeCounts(0, 2));
        assertThat(again).isEqualTo(PurgeCounts.NONE);
        assertThat(target.verify(scope)).isZero();
        assertThat(fx.raw(a.executionId())).isNull();
        assertThat(fx.raw(b.executionId())).isNull();
        assertThat(fx.raw(kept.executionId())).isNotNull();
    }

    @Test
    void shouldRedactAPurgedValueInATraceStillQueuedWhenThePurgeRuns() {
        // given two runs within a second: the second's trace waits for the writer's next turn, a second after the first's
        String seq = echo();
        fx.debugger.windows().open(seq, "dora", null, false);
        fx.lethe.run(seq, Map.of("city", "Elsewhere"));
        ExecutionResult queued = fx.lethe.run(seq, Map.of("city", "Quellmoor"));
        var scope = new PurgeScope.Value("quellmoor");

        // when
        PurgeCounts done = fx.debugger.purgeTarget().execute(scope);

        // then
        assertThat(done).isEqualTo(new PurgeCounts(1, 0));
        fx.flush();
        assertThat(fx.debugger.purgeTarget().verify(scope)).isZero();
        assertThat(fx.raw(queued.executionId()).toJson()).doesNotContainIgnoringCase("quellmoor");
    }

    @Test
    void shouldRedactAPurgedValueInsideTracesIdempotently() {
        // given
        String seq = echo();
        fx.debugger.windows().open(seq, "dora", null, false);
        ExecutionResult result = fx.lethe.run(seq, Map.of("city", "Wintermoor", "quote", "say \"Wintermoor\""));
        fx.flush();
        TracePurgeTarget target = fx.debugger.purgeTarget();
        var scope = new PurgeScope.Value("wintermoor");

        // when
        long planned = target.plan(scope);
        PurgeCounts done = target.execute(scope);
        PurgeCounts again = target.execute(scope);

        // then
        assertThat(planned).isEqualTo(1);
        assertThat(done).isEqualTo(new PurgeCounts(1, 0));
        assertThat(again).isEqualTo(PurgeCounts.NONE);
        assertThat(target.verify(scope)).isZero();
        var raw = fx.raw(result.executionId());
        assertThat(raw.toJson()).doesNotContainIgnoringCase("wintermoor").contains("[redacted]");
        assertThat(raw.getString("sequence")).isEqualTo(seq);
        assertThat(raw.getDate("startedAt")).isNotNull();
    }
}
