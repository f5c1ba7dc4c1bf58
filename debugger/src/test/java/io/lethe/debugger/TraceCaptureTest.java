package io.lethe.debugger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.debugger.testkit.DebuggerFixture;
import io.lethe.debugger.trace.TraceJson;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.sequence.BlockDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCaptureTest {

    @TempDir
    static Path dir;

    static DebuggerFixture fx;

    @BeforeAll
    static void start() {
        fx = new DebuggerFixture(dir, DebuggerSettings.defaults().withLimits(200, 262_144, 1_000));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private String multiBlockSequence() {
        return fx.lethe.sequence(List.of(
                BlockDefinition.of("greet", "script", Map.of("source",
                        "console.log('items', input.items.length); return {count: input.items.length};")).then("each"),
                BlockDefinition.of("each", "for-each", Map.of("items", "{{input.items}}", "body", "double")).then("say"),
                BlockDefinition.of("double", "script", Map.of("source", "return context.item * 2;")),
                BlockDefinition.of("say", "log", Map.of("message", "doubled {{steps.greet.output.count}} items")).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("status", 201, "body", "{{steps.each.output}}"))));
    }

    @Test
    void shouldRecordEveryBlockInOrderWithInputsOutputsConsoleAndLoopFrames() {
        // given
        String seq = multiBlockSequence();
        fx.debugger.windows().open(seq, "dora", null, false);

        // when
        ExecutionResult result = fx.lethe.run(seq, Map.of("items", List.of(1, 2)));

        // then
        Map<String, Object> trace = TraceJson.of(fx.raw(result.executionId()));
        assertThat(trace).containsEntry("sequence", seq).containsEntry("status", "succeeded")
                .containsEntry("openedBy", "dora").containsEntry("redacted", true)
                .containsEntry("input", Map.of("items", List.of(1, 2)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) trace.get("blocks");
        assertThat(blocks).extracting(b -> b.get("frame") + "" + b.get("blockId"))
                .containsExactly("greet", "each", "each[0]/double", "each[1]/double", "say", "answer");
        assertThat(blocks.get(0)).containsEntry("console", List.of("items 2")).containsEntry("output", Map.of("count", 2))
                .containsEntry("outcome", "next").containsKey("startedAt").containsKey("durationMs");
        assertThat(blocks.get(1)).containsEntry("inputs", Map.of("items", List.of(1, 2))).containsEntry("output", List.of(2, 4));
        assertThat(blocks.get(3)).containsEntry("output", 4);
        assertThat(blocks.get(4)).containsEntry("inputs", Map.of("message", "doubled 2 items"));
        assertThat(map(blocks.get(5).get("inputs"))).containsEntry("status", 201).containsEntry("body", List.of(2, 4));
    }

    @Test
    void shouldRecordAFailedBlockWithItsError() {
        // given
        String seq = fx.lethe.sequence(List.of(BlockDefinition.of("boom", "script", Map.of("source", "throw new Error('nope');"))));
        fx.debugger.windows().open(seq, "dora", Duration.ofMinutes(5), false);

        // when
        ExecutionResult result = fx.lethe.run(seq, Map.of());

        // then
        Map<String, Object> trace = TraceJson.of(fx.raw(result.executionId()));
        assertThat(trace).containsEntry("status", "failed");
        assertThat((List<?>) trace.get("blocks")).singleElement().satisfies(b -> assertThat(map(b))
                .containsEntry("outcome", "error").extractingByKey("error").asString().contains("nope"));
    }

    @Test
    void shouldNestTheTraceOfACalledSequenceInsideTheCaller() {
        // given
        String callee = fx.lethe.sequence(List.of(BlockDefinition.of("shout", "script", Map.of("source", "return input.who.toUpperCase();"))));
        String caller = fx.lethe.sequence(List.of(BlockDefinition.of("call", "call-sequence",
                Map.of("sequence", callee, "input", Map.of("who", "{{input.name}}")))));
        fx.debugger.windows().open(caller, "dora", null, false);

        // when
        ExecutionResult result = fx.lethe.run(caller, Map.of("name", "bob"));

        // then
        Map<String, Object> trace = TraceJson.of(fx.raw(result.executionId()));
        @SuppressWarnings("unchecked")
        Map<String, Object> call = (Map<String, Object>) ((List<Map<String, Object>>) trace.get("blocks")).get(0).get("call");
        assertThat(call).containsEntry("sequence", callee).containsEntry("parentExecutionId", result.executionId())
                .containsEntry("input", Map.of("who", "bob"));
        assertThat((List<?>) call.get("blocks")).singleElement()
                .satisfies(b -> assertThat(map(b)).containsEntry("output", "BOB"));
        assertThat(fx.raw((String) call.get("executionId"))).as("nested, not stored twice").isNull();
    }

    @Test
    void shouldCaptureNothingWhenDebuggingIsOff() {
        // given
        String seq = multiBlockSequence();
        long before = fx.storedTraces();

        // when
        ExecutionResult result = fx.lethe.run(seq, Map.of("items", List.of(1)));

        // then
        assertThat(fx.raw(result.executionId())).isNull();
        assertThat(fx.storedTraces()).isEqualTo(before);
    }

    @Test
    void shouldSwitchItselfOffWhenTheWindowIsUp() {
        // given
        String seq = fx.lethe.sequence(List.of(BlockDefinition.of("one", "script", Map.of("source", "return 1;"))));
        fx.debugger.windows().open(seq, "dora", Duration.ofMinutes(10), false);
        ExecutionResult during = fx.lethe.run(seq, Map.of());

        // when
        fx.clock.advance(Duration.ofMinutes(10));
        ExecutionResult after = fx.lethe.run(seq, Map.of());

        // then
        assertThat(fx.raw(during.executionId())).isNotNull();
        assertThat(fx.raw(after.executionId())).isNull();
        assertThat(fx.debugger.windows().find(seq)).get()
                .satisfies(w -> assertThat(w.isOnAt(fx.clock.instant())).isFalse())
                .satisfies(w -> assertThat(w.openedBy()).isEqualTo("dora"));
    }

    @Test
    void shouldStopCapturingWhenTheWindowIsClosed() {
        // given
        String seq = fx.lethe.sequence(List.of(BlockDefinition.of("one", "script", Map.of("source", "return 1;"))));
        fx.debugger.windows().open(seq, "dora", null, false);

        // when
        fx.debugger.windows().close(seq, "dora");
        ExecutionResult result = fx.lethe.run(seq, Map.of());

        // then
        assertThat(fx.raw(result.executionId())).isNull();
        assertThat(fx.debugger.windows().find(seq)).get().satisfies(w -> assertThat(w.closedBy()).isEqualTo("dora"));
    }

    @Test
    void shouldTruncateLargeValuesAndSaySo() {
        // given
        String seq = fx.lethe.sequence(List.of(BlockDefinition.of("big", "script", Map.of("source", "return 'x'.repeat(5000);"))));
        fx.debugger.windows().open(seq, "dora", null, false);

        // when
        ExecutionResult result = fx.lethe.run(seq, Map.of());

        // then
        Document raw = fx.raw(result.executionId());
        assertThat(raw.getBoolean("truncated")).isTrue();
        Map<String, Object> trace = TraceJson.of(raw);
        assertThat((List<?>) trace.get("blocks")).singleElement().satisfies(b -> {
            Map<String, Object> block = map(b);
            assertThat(block.get("truncated")).isEqualTo(List.of("output"));
            assertThat(map(block.get("output"))).containsEntry("truncated", true)
                    .extractingByKey("preview").asString().hasSize(200);
        });
    }
}
