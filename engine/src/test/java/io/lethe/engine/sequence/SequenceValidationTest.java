package io.lethe.engine.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceValidationTest {

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

    @Test
    void shouldReportEveryProblemWithItsPointerAndSaveNothing() {
        String name = EngineFixture.unique("bad");
        Sequence bad = new Sequence(name, null, 0, "first", List.of(
                BlockDefinition.of("first", "script", Map.of("source", "const x = 1;\nreturn x +;")).then("second"),
                BlockDefinition.of("second", "teleport", Map.of()),
                BlockDefinition.of("third", "log", Map.of("message", "{{input..x}}", "colour", "red")).then("nowhere"),
                BlockDefinition.of("fourth", "create-instance", Map.of("model", "ghost", "values", Map.of())).then("maybe", "first"),
                BlockDefinition.of("fifth", "respond", Map.of())),
                List.of(new Trigger.Http("FETCH", "no-slash"), new Trigger.Schedule("every minute")),
                SequenceSettings.defaults());

        assertThatThrownBy(() -> lethe.engine.sequences().save(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder(
                            "/blocks/0/config/source",
                            "/blocks/1/type",
                            "/blocks/2/next/next",
                            "/blocks/2/config/colour",
                            "/blocks/2/config/message",
                            "/blocks/3/next/maybe",
                            "/blocks/3/config/model",
                            "/triggers/0/method",
                            "/triggers/0/path",
                            "/triggers/1/cron");
                    assertThat(message(e, "/blocks/0/config/source")).contains("line 2");
                    assertThat(message(e, "/blocks/1/type")).contains("unknown block type 'teleport'");
                    assertThat(message(e, "/blocks/2/next/next")).contains("no block 'nowhere'");
                    assertThat(message(e, "/blocks/3/config/model")).contains("no model 'ghost'");
                });
        assertThat(lethe.engine.sequences().find(name)).isEmpty();
    }

    @Test
    void shouldReportBadExpressionsOnceTheRestIsValid() {
        Sequence bad = Sequence.of(EngineFixture.unique("expr"), "say",
                List.of(BlockDefinition.of("say", "log", Map.of("message", "hi {{input..x}}"))));

        assertThatThrownBy(() -> lethe.engine.sequences().save(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> {
                            assertThat(err.pointer()).isEqualTo("/blocks/0/config/message");
                            assertThat(err.message()).contains("bad expression '{{input..x}}'");
                        }));
    }

    @Test
    void shouldNumberVersionsOnEverySave() {
        Sequence sequence = Sequence.of(EngineFixture.unique("ver"), "say",
                List.of(BlockDefinition.of("say", "log", Map.of("message", "hello"))));

        assertThat(lethe.engine.sequences().save(sequence).version()).isEqualTo(1);
        assertThat(lethe.engine.sequences().save(sequence).version()).isEqualTo(2);
        assertThat(lethe.engine.sequences().get(sequence.name()).version()).isEqualTo(2);
    }

    @Test
    void shouldDescribeEveryBlockTypeWithAJsonSchema() {
        assertThat(lethe.engine.blocks().all()).extracting(Block::type).containsExactlyInAnyOrder(
                "script", "create-instance", "update-instance", "query-instances", "deactivate-instance",
                "delete-instance", "condition", "for-each", "http-request", "log", "respond", "call-sequence",
                "purge-attributes");
        for (Block<?> block : lethe.engine.blocks().all()) {
            assertThat(block.schema().toJsonSchema()).containsEntry("type", "object").containsKey("properties");
        }
    }

    private static String message(InvalidInputException e, String pointer) {
        return e.errors().stream().filter(err -> err.pointer().equals(pointer)).findFirst().orElseThrow().message();
    }
}
