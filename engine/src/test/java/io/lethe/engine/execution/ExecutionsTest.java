package io.lethe.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.json.Json;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.sequence.RecordMode;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.SequenceSettings;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionsTest {

    @TempDir
    static Path dir;

    static EngineFixture lethe;

    @BeforeAll
    static void start() {
        lethe = new EngineFixture(dir);
    }

    @AfterAll
    static void stop() {
        lethe.close();
    }

    private String save(RecordMode mode, long timeoutMs, BlockDefinition... blocks) {
        Sequence sequence = Sequence.of(EngineFixture.unique("exec"), blocks[0].id(), List.of(blocks))
                .withSettings(new SequenceSettings(mode, timeoutMs));
        return lethe.engine.sequences().save(sequence).name();
    }

    @Test
    void shouldRecordASummaryWithoutInputsOrOutputs() {
        String seq = save(RecordMode.SUMMARY, 0, BlockDefinition.of("echo", "script", Map.of("source", "return input.email;")));

        ExecutionResult result = lethe.run(seq, Map.of("email", "private@example.org"));
        lethe.engine.recorder().flush(Duration.ofSeconds(5));

        ExecutionRecord record = lethe.engine.executions().find(result.executionId()).orElseThrow();
        assertThat(record.sequence()).isEqualTo(seq);
        assertThat(record.version()).isEqualTo(1);
        assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(record.trigger()).isEqualTo("manual");
        assertThat(record.path()).containsExactly("echo:next");
        assertThat(record.durationMs()).isNotNegative();
        assertThat(lethe.database.collection("executions").find(new Document("_id", result.executionId()))
                .first().toJson()).doesNotContain("private@example.org");
    }

    @Test
    void shouldRecordOnlyFailuresOrNothingWhenAskedTo() {
        String failuresOnly = save(RecordMode.FAILURES, 0,
                BlockDefinition.of("maybe", "script", Map.of("source", "if (input.fail) throw new Error('bad'); return 1;")));
        String none = save(RecordMode.NONE, 0, BlockDefinition.of("x", "script", Map.of("source", "throw new Error('bad');")));

        lethe.run(failuresOnly, Map.of("fail", false));
        lethe.run(failuresOnly, Map.of("fail", true));
        lethe.run(none, null);
        lethe.engine.recorder().flush(Duration.ofSeconds(5));

        assertThat(lethe.engine.executions().list(failuresOnly, null, null, 10))
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED));
        assertThat(lethe.engine.executions().count(none)).isZero();
    }

    @Test
    void shouldFailARunThatExceedsTheSequenceTimeout() {
        String slow = save(RecordMode.SUMMARY, 300,
                BlockDefinition.of("spin", "script", Map.of("source", "while (true) {}", "timeoutMs", 5000)));

        ExecutionResult result = lethe.run(slow, null);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).contains("timed out");
    }

    @Test
    void shouldGiveACalledSequenceNoMoreTimeThanItsCallerHasLeft() {
        String slowChild = save(RecordMode.SUMMARY, 0,
                BlockDefinition.of("first", "script", Map.of("source", "const end = Date.now() + 400; while (Date.now() < end) {} return 1;"))
                        .then("second"),
                BlockDefinition.of("second", "script", Map.of("source", "const end = Date.now() + 400; while (Date.now() < end) {} return 2;")));
        String caller = save(RecordMode.SUMMARY, 300, BlockDefinition.of("call", "call-sequence", Map.of("sequence", slowChild)));

        ExecutionResult result = lethe.run(caller, null);

        assertThat(result.succeeded()).as("the child has 30 s of its own, the caller 0.3 s").isFalse();
        assertThat(result.error()).as("its script is given what the caller has left").containsPattern("script timed out after [12]?\\d{1,2} ms");
    }

    @Test
    void shouldRunALoopOverThousandsOfItemsWhileEachPathStillStopsARunawayWiring() {
        String loop = save(RecordMode.SUMMARY, 0,
                BlockDefinition.of("loop", "for-each", Map.of("items", "{{input.items}}", "body", "double")),
                BlockDefinition.of("double", "script", Map.of("source", "return context.item * 2;")).then("triple"),
                BlockDefinition.of("triple", "script", Map.of("source", "return context.item * 3;")));
        String runaway = save(RecordMode.SUMMARY, 0,
                BlockDefinition.of("a", "script", Map.of("source", "return 1;")).then("b"),
                BlockDefinition.of("b", "script", Map.of("source", "return 2;")).then("a"));

        ExecutionResult many = lethe.run(loop, Map.of("items", IntStream.range(0, 6_000).boxed().toList()));
        ExecutionResult endless = lethe.run(runaway, null);

        assertThat(many.succeeded()).as("12 000 blocks in 6 000 paths: " + many.error()).isTrue();
        List<?> outputs = (List<?>) many.output();
        assertThat(outputs).hasSize(6_000);
        assertThat(((Number) outputs.getLast()).intValue()).isEqualTo(17_997);
        assertThat(endless.error()).contains("more than 10000 blocks run: is there a loop in the wiring?");
    }

    @Test
    void shouldEndAndRecordARunThatFailsInsideLethe() {
        String seq = save(RecordMode.SUMMARY, 0, BlockDefinition.of("say", "log", Map.of("message", "hello")));
        List<ExecutionListener.Finished> finished = new CopyOnWriteArrayList<>();
        lethe.engine.runner().addListener(new ExecutionListener() {
            @Override
            public void blockFinished(BlockFinished event) {
                if (event.sequence().equals(seq)) {
                    throw new IllegalStateException("a listener broke"); // e.g. a trace that could not be stored
                }
            }

            @Override
            public void executionFinished(Finished event) {
                finished.add(event);
            }
        });

        ExecutionResult result = lethe.run(seq, null);
        lethe.engine.recorder().flush(Duration.ofSeconds(5));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).isEqualTo("Lethe failed inside this run (IllegalStateException; the server log has it under executionId "
                + result.executionId() + ")");
        assertThat(lethe.engine.executions().find(result.executionId())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(r.error()).startsWith("Lethe failed inside this run");
        });
        assertThat(finished).anySatisfy(f -> assertThat(f.executionId()).isEqualTo(result.executionId()));
    }

    @Test
    void shouldTellListenersAboutEveryBlockInOrderWithResolvedInputs() {
        List<ExecutionListener.BlockFinished> blocks = new CopyOnWriteArrayList<>();
        List<ExecutionListener.Finished> finished = new CopyOnWriteArrayList<>();
        lethe.engine.runner().addListener(new ExecutionListener() {
            @Override
            public void blockFinished(BlockFinished event) {
                blocks.add(event);
            }

            @Override
            public void executionFinished(Finished event) {
                finished.add(event);
            }
        });
        String seq = save(RecordMode.SUMMARY, 0,
                BlockDefinition.of("say", "log", Map.of("message", "hello {{input.name}}")).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("status", 201, "body", "{{steps.say.output}}")));

        ExecutionResult result = lethe.run(seq, Map.of("name", "Ada"));

        var mine = blocks.stream().filter(b -> b.executionId().equals(result.executionId())).toList();
        assertThat(mine).extracting(ExecutionListener.BlockFinished::blockId).containsExactly("say", "answer");
        assertThat(mine.get(0).inputs()).containsEntry("message", "hello Ada");
        assertThat(mine.get(1).inputs()).containsEntry("status", 201).containsEntry("body", "hello Ada");
        assertThat(finished).anySatisfy(f -> assertThat(f.executionId()).isEqualTo(result.executionId()));
    }

    @Test
    void shouldAnswerWhenTheFirstRespondBlockRunsWhileTheRunGoesOn() {
        String seq = save(RecordMode.SUMMARY, 0,
                BlockDefinition.of("accepted", "respond", Map.of("status", 202, "body", Map.of("id", "{{input.id}}"))).then("work"),
                BlockDefinition.of("work", "script", Map.of("source", "return 'done';")).then("again"),
                BlockDefinition.of("again", "respond", Map.of("status", 500, "body", "too late")));
        List<String> seen = new CopyOnWriteArrayList<>();
        lethe.engine.runner().addListener(new ExecutionListener() {
            @Override
            public void blockFinished(BlockFinished event) {
                if (event.sequence().equals(seq)) {
                    seen.add("block " + event.blockId());
                }
            }
        });
        List<HttpReply> answers = new ArrayList<>();

        ExecutionResult result = lethe.engine.run(seq, TriggerInfo.manual("test"), Map.of("id", 7), (executionId, reply) -> {
            seen.add("answered " + reply.status());
            answers.add(reply);
        });

        assertThat(answers).singleElement().satisfies(reply -> {
            assertThat(reply.status()).isEqualTo(202);
            assertThat(Json.plain(reply.body())).isEqualTo(Map.of("id", 7));
        });
        assertThat(seen).containsSubsequence("answered 202", "block accepted", "block work", "block again");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.response()).hasValueSatisfying(reply -> assertThat(reply.status()).isEqualTo(202));
        assertThat(result.path()).containsExactly("accepted:next", "work:next", "again:next");
    }

    @Test
    void shouldFailARespondBlockWhoseHeadersCouldSplitTheResponse() {
        String seq = save(RecordMode.SUMMARY, 0, BlockDefinition.of("answer", "respond",
                Map.of("headers", Map.of("X-Note", "{{input.note}}"), "body", "hi")));
        List<HttpReply> answers = new ArrayList<>();

        ExecutionResult result = lethe.engine.run(seq, TriggerInfo.manual("test"),
                Map.of("note", "ok\r\nSet-Cookie: session=stolen"), (executionId, reply) -> answers.add(reply));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).contains("header 'X-Note'").contains("line break");
        assertThat(answers).isEmpty();
        assertThat(result.response()).isEmpty();
    }

    @Test
    void shouldRunManySequencesAtOnce() throws Exception {
        String seq = save(RecordMode.SUMMARY, 0,
                BlockDefinition.of("double", "script", Map.of("source", "return input.n * 2;")));
        List<Future<ExecutionResult>> runs = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                int n = i;
                runs.add(callers.submit(() -> lethe.run(seq, Map.of("n", n))));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get().output()).isEqualTo(i * 2);
            }
        }
        lethe.engine.recorder().flush(Duration.ofSeconds(10));
        long counted = lethe.engine.recorder().stats().latest(seq, 100).stream().mapToLong(ExecutionStats.Minute::runs).sum();
        assertThat(counted).as("every run counted").isEqualTo(300);
        assertThat(lethe.engine.executions().count(seq) + lethe.engine.recorder().sampledOut()).isGreaterThanOrEqualTo(300);
    }
}
