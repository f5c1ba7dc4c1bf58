package io.lethe.engine.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
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
    void shouldRefuseAScheduleThatNeverFires() {
        Sequence never = Sequence.of(EngineFixture.unique("never"), "say",
                List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))), new Trigger.Schedule("0 0 31 4,6 *"));
        Sequence leap = Sequence.of(EngineFixture.unique("leap"), "say",
                List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))), new Trigger.Schedule("0 0 29 2 *"));

        assertThatThrownBy(() -> lethe.engine.sequences().save(never))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/triggers/0/cron");
                    assertThat(err.message()).startsWith("never fires");
                }));
        assertThat(lethe.engine.sequences().save(leap).version()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownTimeZoneAMissingCronAParameterNamedTwiceAndAnOriginWithAPath() {
        BlockDefinition say = BlockDefinition.of("say", "log", Map.of("message", "hi"));
        Sequence bad = new Sequence(EngineFixture.unique("bad"), null, 0, "say", List.of(say), List.of(
                new Trigger.Schedule("0 9 * * *", "Mars/Olympus"), new Trigger.Schedule(" "),
                new Trigger.Http("GET", "/pairs-" + EngineFixture.unique("p") + "/:id/:id"),
                new Trigger.Http("POST", "/shop-" + EngineFixture.unique("s"), false,
                        List.of("https://shop.example.org/form", "*", "ftp://files.example.org", "http://localhost:5173")),
                new Trigger.Http("GET", "/../../api/users")),
                SequenceSettings.defaults());
        Trigger.Schedule nineInParis = new Trigger.Schedule("0 9 * * MON-FRI", "Europe/Paris");
        Sequence paris = Sequence.of(EngineFixture.unique("paris"), "say", List.of(say), nineInParis);

        assertThatThrownBy(() -> lethe.engine.sequences().save(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer)
                            .containsExactly("/triggers/0/zone", "/triggers/1/cron", "/triggers/2/path",
                                    "/triggers/3/allowOrigins/0", "/triggers/3/allowOrigins/2", "/triggers/4/path");
                    assertThat(message(e, "/triggers/4/path")).contains("'..' segment");
                    assertThat(message(e, "/triggers/0/zone"))
                            .isEqualTo("unknown time zone 'Mars/Olympus' (an IANA name such as Europe/Paris)");
                    assertThat(message(e, "/triggers/1/cron")).startsWith("is required");
                    assertThat(message(e, "/triggers/2/path")).contains("':id' twice");
                });
        assertThat(lethe.engine.sequences().save(paris).triggers()).containsExactly(nineInParis);
    }

    @Test
    void shouldRefuseFixedNumbersOutOfRangeAndExpressionsWhereOnlyFixedValuesAreRead() {
        String model = EngineFixture.unique("thing");
        lethe.model(Model.of(model, Attribute.of("name", AttributeType.STRING)));
        Sequence bad = Sequence.of(EngineFixture.unique("fixed"), "find", List.of(
                BlockDefinition.of("find", "query-instances", Map.of("model", model, "limit", "{{input.n}}", "descending", "{{input.d}}"))
                        .then("wait"),
                BlockDefinition.of("wait", "script", Map.of("source", "return 1;", "timeoutMs", 2.5)).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("status", 99))));

        assertThatThrownBy(() -> lethe.engine.sequences().save(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder("/blocks/0/config/limit",
                            "/blocks/0/config/descending", "/blocks/1/config/timeoutMs", "/blocks/2/config/status");
                    assertThat(message(e, "/blocks/0/config/limit")).isEqualTo(
                            "must be a whole number from 1 to 1000 (a fixed number: this field takes no expression)");
                    assertThat(message(e, "/blocks/2/config/status")).isEqualTo("must be a whole number from 100 to 599");
                });
    }

    @Test
    void shouldStillRunASequenceSavedBeforeItsSettingsWereCheckedAsItRanThen() {
        String model = EngineFixture.unique("legacy");
        lethe.model(Model.of(model, Attribute.of("name", AttributeType.STRING)));
        lethe.engine.instances().create(model, Map.of("name", "one"));
        Sequence old = Sequence.of(EngineFixture.unique("old"), "find", List.of(
                BlockDefinition.of("find", "query-instances", Map.of("model", model, "limit", 5000, "descending", "{{input.d}}"))),
                new Trigger.Http("GET", "/legacy-" + EngineFixture.unique("l") + "/:id/:id"));
        new MongoSequenceStore(lethe.database).save(old.withVersion(1)); // as an earlier Lethe stored it

        assertThat(lethe.engine.sequences().compiled(old.name())).isPresent();
        assertThat(lethe.run(old.name(), Map.of("d", true)).output()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);
        assertThatThrownBy(() -> lethe.engine.sequences().save(old)).as("saving it again applies today's rules")
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shouldRefuseALoopWhoseBodyLeadsBackToItButRunOneSavedBeforeToAShortError() {
        Sequence direct = Sequence.of(EngineFixture.unique("selfloop"), "fe", List.of(
                BlockDefinition.of("fe", "for-each", Map.of("items", "{{input.list}}", "body", "fe"))));
        Sequence wired = Sequence.of(EngineFixture.unique("wiredloop"), "fe", List.of(
                BlockDefinition.of("fe", "for-each", Map.of("items", "{{input.list}}", "body", "b")),
                BlockDefinition.of("b", "for-each", Map.of("items", "{{input.list}}", "body", "c")),
                BlockDefinition.of("c", "log", Map.of("message", "x")).then("fe")));
        Sequence fine = Sequence.of(EngineFixture.unique("fineloop"), "fe", List.of(
                BlockDefinition.of("fe", "for-each", Map.of("items", "{{input.list}}", "body", "b")).then("after"),
                BlockDefinition.of("b", "log", Map.of("message", "x")).then("after"),
                BlockDefinition.of("after", "respond", Map.of("body", "done"))));

        assertThatThrownBy(() -> lethe.engine.sequences().save(direct)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(message(e, "/blocks/0/config/body")).startsWith("leads back to 'fe' itself"));
        assertThatThrownBy(() -> lethe.engine.sequences().save(wired)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::pointer)
                        .containsExactly("/blocks/0/config/body", "/blocks/1/config/body"));
        lethe.engine.sequences().save(fine);

        // An earlier Lethe saved such loops: they ran themselves until the stack overflowed (no record), or grew a 150 MB error
        new MongoSequenceStore(lethe.database).save(wired.withVersion(1));
        var result = lethe.run(wired.name(), Map.of("list", List.of(1, 2)));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).contains("loops nested more than 32 deep").hasSizeLessThan(4_100);
        assertThat(lethe.run(fine.name(), Map.of("list", List.of(1, 2))).output()).isEqualTo("done");
    }

    @Test
    void shouldRefuseAHookAnotherSequenceAnswersAlready() {
        String path = "/orders-" + EngineFixture.unique("x") + "/:id";
        Sequence first = Sequence.of(EngineFixture.unique("first"), "say",
                List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))), new Trigger.Http("GET", path));
        lethe.engine.sequences().save(first);
        Sequence second = Sequence.of(EngineFixture.unique("second"), "say",
                List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))), new Trigger.Http("GET", path.replace(":id", ":key")));

        assertThatThrownBy(() -> lethe.engine.sequences().save(second))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/triggers/0");
                    assertThat(err.message()).contains("is answered by sequence '" + first.name() + "' already");
                }));
        assertThat(lethe.engine.sequences().find(second.name())).isEmpty();
        assertThat(lethe.engine.sequences().save(first.withVersion(2)).version()).as("saving the owner again").isEqualTo(2);
        Sequence post = Sequence.of(second.name(), "say", List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))),
                new Trigger.Http("POST", path));
        assertThat(lethe.engine.sequences().save(post).name()).as("another method is another hook").isEqualTo(second.name());
    }

    @Test
    void shouldRefuseTheNameTheUiUsesForItsNewPages() {
        Sequence sequence = Sequence.of("new", "say", List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))));
        Model model = Model.of("new", Attribute.of("x", AttributeType.STRING));

        assertThatThrownBy(() -> lethe.engine.sequences().save(sequence))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::pointer)
                        .containsExactly("/name"));
        assertThatThrownBy(() -> lethe.engine.models().save(model))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> assertThat(err.message()).contains("'new' is reserved")));
        assertThat(lethe.engine.sequences().find("new")).isEmpty();
        assertThat(lethe.engine.models().exists("new")).isFalse();
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
    void shouldRefuseExpressionsThatNameNothingARunHasANegativeTimeLimitAndAnEventTakenTwice() {
        Sequence typos = Sequence.of(EngineFixture.unique("typos"), "say", List.of(
                BlockDefinition.of("say", "log", Map.of("message", "hi {{inptu.name}}")).then("answer"),
                BlockDefinition.of("answer", "respond", Map.of("body", Map.of("a", "{{steps.nosuch.output}}", "b", "x {{ and }} y",
                        "ok", "{{steps.say.output}} {{input.x}} {{item}} {{index}} {{execution.id}}")))))
                .withSettings(new SequenceSettings(RecordMode.SUMMARY, -5));
        String model = EngineFixture.unique("watched");
        lethe.model(Model.of(model, Attribute.of("name", AttributeType.STRING)));
        Sequence twice = Sequence.of(EngineFixture.unique("twice"), "say", List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))),
                new Trigger.InstanceEvent(model, List.of("created")), new Trigger.InstanceEvent(model, List.of("updated", "created")));

        assertThatThrownBy(() -> lethe.engine.sequences().save(twice)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/triggers/1/events"));

        assertThatThrownBy(() -> lethe.engine.sequences().save(typos))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder("/blocks/0/config/message",
                            "/blocks/1/config/body", "/blocks/1/config/body", "/settings/timeoutMs");
                    assertThat(e.errors()).extracting(FieldError::message).anySatisfy(m -> assertThat(m)
                            .isEqualTo("'{{steps.nosuch.output}}': this sequence has no block 'nosuch'"));
                    assertThat(message(e, "/blocks/0/config/message")).startsWith("'{{inptu.name}}' names nothing a run has");
                });
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
    void shouldKeepWhereEachBlockWasPlacedAndLeaveUnplacedBlocksWithout() {
        // given a sequence with one placed and one unplaced block
        String name = EngineFixture.unique("placed");
        Sequence sequence = Sequence.of(name, "first", List.of(
                BlockDefinition.of("first", "log", Map.of("message", "one")).at(120.5, -40).then("second"),
                BlockDefinition.of("second", "log", Map.of("message", "two"))));

        // when it is saved and read back from the store
        lethe.engine.sequences().save(sequence);
        Sequence stored = lethe.engine.sequences().get(name);

        // then the placed block has its position (carried through then()) and the other has none
        assertThat(stored.block("first").orElseThrow().position()).isEqualTo(new BlockPosition(120.5, -40));
        assertThat(stored.block("first").orElseThrow().next()).containsEntry("next", "second");
        assertThat(stored.block("second").orElseThrow().position()).isNull();
        assertThat(Json.write(stored.block("second").orElseThrow())).as("no position field until placed").doesNotContain("position");
    }

    @Test
    void shouldRefusePositionsThatAreNotFiniteOrOffTheCanvasAndSaveNothing() {
        // given positions that JSON can carry (1e400 reads as Infinity) or Java code can build
        String name = EngineFixture.unique("offcanvas");
        Sequence bad = Sequence.of(name, "first", List.of(
                BlockDefinition.of("first", "log", Map.of("message", "one")).at(Double.POSITIVE_INFINITY, 10),
                BlockDefinition.of("second", "log", Map.of("message", "two")).at(-1_000_000.5, Double.NaN),
                BlockDefinition.of("third", "log", Map.of("message", "three")).at(1_000_000, -1_000_000)));

        // when it is saved, then every bad coordinate is named and nothing is stored
        assertThatThrownBy(() -> lethe.engine.sequences().save(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrder(
                            "/blocks/0/position/x", "/blocks/1/position/x", "/blocks/1/position/y");
                    assertThat(message(e, "/blocks/1/position/y")).isEqualTo("must be a finite number between -1000000 and 1000000");
                });
        assertThat(lethe.engine.sequences().find(name)).isEmpty();
    }

    @Test
    void shouldDescribeEveryBlockTypeWithAJsonSchema() {
        assertThat(lethe.engine.blocks().all()).extracting(Block::type).containsExactlyInAnyOrder(
                "script", "create-instance", "update-instance", "query-instances", "deactivate-instance",
                "delete-instance", "condition", "for-each", "http-request", "log", "respond", "call-sequence",
                "purge-attributes", "request-purge", "issue-token", "check-token");
        for (Block<?> block : lethe.engine.blocks().all()) {
            assertThat(block.schema().toJsonSchema()).containsEntry("type", "object").containsKey("properties");
        }
        assertThat(property("script", "timeoutMs")).as("fixed: no expression").containsEntry("type", "number");
        assertThat(property("query-instances", "descending")).containsEntry("type", "boolean");
        assertThat(property("respond", "status")).as("an expression too").containsEntry("type", List.of("number", "string"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(String type, String field) {
        Block<?> block = lethe.engine.blocks().all().stream().filter(b -> b.type().equals(type)).findFirst().orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) block.schema().toJsonSchema().get("properties")).get(field);
    }

    private static String message(InvalidInputException e, String pointer) {
        return e.errors().stream().filter(err -> err.pointer().equals(pointer)).findFirst().orElseThrow().message();
    }
}
