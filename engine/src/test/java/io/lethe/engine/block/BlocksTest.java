package io.lethe.engine.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.InstanceEvent;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.retention.PurgeRequests;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in block, run through real sequences on the engine. */
class BlocksTest {

    @TempDir
    static Path dir;

    static EngineFixture lethe;
    String model;

    @BeforeAll
    static void start() {
        lethe = new EngineFixture(dir);
    }

    @AfterAll
    static void stop() {
        lethe.close();
    }

    @BeforeEach
    void model() {
        model = EngineFixture.unique("customer");
        lethe.model(Model.of(model,
                Attribute.of("email", AttributeType.STRING).required(true).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("name", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("score", AttributeType.NUMBER)));
    }

    @Test
    void scriptShouldTransformInputAndSeeEarlierSteps() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("first", "script", Map.of("source", "return { n: input.n * 2 };")).then("second"),
                BlockDefinition.of("second", "script", Map.of("source", "console.log('seen', steps.first.output.n); return steps.first.output.n + 1;"))));

        ExecutionResult result = lethe.run(seq, Map.of("n", 20));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo(41);
        assertThat(result.path()).containsExactly("first:next", "second:next");
    }

    @Test
    void instanceBlocksShouldCreateUpdateQueryDeactivateAndDelete() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("create", "create-instance", Map.of("model", model,
                        "values", Map.of("email", "{{input.email}}", "score", "{{input.score}}"))).then("update"),
                BlockDefinition.of("update", "update-instance", Map.of("model", model,
                        "id", "{{steps.create.output.id}}", "values", Map.of("name", "Ada {{input.email}}"))).then("find"),
                BlockDefinition.of("find", "query-instances", Map.of("model", model,
                        "where", Map.of("score", Map.of("gte", 10)), "sortBy", "email")).then("hide"),
                BlockDefinition.of("hide", "deactivate-instance", Map.of("model", model, "id", "{{steps.find.output[0].id}}"))));

        ExecutionResult result = lethe.run(seq, Map.of("email", "ada@example.org", "score", 12));

        assertThat(result.succeeded()).as(result.error()).isTrue();
        var instances = lethe.engine.instances();
        assertThat(instances.countDeactivated(model)).isEqualTo(1);
        var stored = instances.query(InstanceQuery.all(model).includingInactive()).items().get(0);
        assertThat(stored.data()).containsEntry("email", "ada@example.org").containsEntry("score", 12)
                .containsEntry("name", "Ada ada@example.org");

        String delete = lethe.sequence(List.of(BlockDefinition.of("rm", "delete-instance", Map.of("model", model, "id", "{{input.id}}"))));
        assertThat(lethe.run(delete, Map.of("id", stored.id())).succeeded()).isTrue();
        assertThat(instances.count(model, List.of(), true)).isZero();
    }

    @Test
    void queryShouldRefuseAFilterWhoseExpressionFoundNothingButFindWhatANullInTheDesignAsksFor() {
        lethe.engine.instances().create(model, Map.of("email", "ada@example.org", "score", 3));
        lethe.engine.instances().create(model, Map.of("email", "grace@example.org"));
        String byEmail = lethe.sequence(List.of(BlockDefinition.of("find", "query-instances", Map.of("model", model,
                "where", Map.of("email", "{{input.email}}")))));
        String byScore = lethe.sequence(List.of(BlockDefinition.of("find", "query-instances", Map.of("model", model,
                "where", Map.of("score", Map.of("lt", "{{input.max}}"))))));
        var withoutScore = new HashMap<String, Object>();
        withoutScore.put("score", null);
        String unscored = lethe.sequence(List.of(BlockDefinition.of("find", "query-instances", Map.of("model", model,
                "where", withoutScore))));

        ExecutionResult found = lethe.run(byEmail, Map.of("email", "ada@example.org"));
        ExecutionResult noEmail = lethe.run(byEmail, Map.of());
        ExecutionResult noBound = lethe.run(byScore, Map.of());
        ExecutionResult nulls = lethe.run(unscored, null);

        assertThat((List<?>) found.output()).hasSize(1);
        assertThat(noEmail.error()).isEqualTo("block 'find' failed: nothing queried: the filter's value for 'email' ({{input.email}}) resolved"
                + " to nothing, which would match every instance without one (write null to find those)");
        assertThat(noBound.error()).contains("the filter's value for 'score' ({{input.max}}) resolved to nothing");
        assertThat((List<?>) nulls.output()).as("a null written in the design").hasSize(1);
    }

    @Test
    void queryShouldRefuseAWholeFilterOrAPatternWhoseExpressionFoundNothing() {
        lethe.engine.instances().create(model, Map.of("email", "ada@example.org"));
        lethe.engine.instances().create(model, Map.of("email", "grace@example.org"));
        String whole = lethe.sequence(List.of(BlockDefinition.of("find", "query-instances", Map.of("model", model,
                "where", "{{input.where}}"))));
        String prefixed = lethe.sequence(List.of(BlockDefinition.of("find", "query-instances", Map.of("model", model,
                "where", Map.of("email", Map.of("regex", "^{{input.prefix}}@"))))));

        ExecutionResult noWhere = lethe.run(whole, Map.of());
        ExecutionResult noPrefix = lethe.run(prefixed, Map.of());
        ExecutionResult ada = lethe.run(prefixed, Map.of("prefix", "ada"));

        assertThat(noWhere.error()).contains("the filter ({{input.where}}) resolved to nothing");
        assertThat(noPrefix.error()).contains("the filter's value for 'email' ({{input.prefix}}) resolved to nothing");
        assertThat((List<?>) ada.output()).hasSize(1);
    }

    @Test
    void conditionShouldBranch() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("check", "condition", Map.of("expression", "input.age >= 18")).then("true", "adult").then("false", "minor"),
                BlockDefinition.of("adult", "respond", Map.of("body", "adult")),
                BlockDefinition.of("minor", "respond", Map.of("status", 403, "body", "minor"))));

        assertThat(lethe.run(seq, Map.of("age", 30)).response().orElseThrow().body()).isEqualTo("adult");
        var minor = lethe.run(seq, Map.of("age", 12)).response().orElseThrow();
        assertThat(minor.status()).isEqualTo(403);
        assertThat(minor.body()).isEqualTo("minor");
    }

    @Test
    void respondShouldLeaveOutAHeaderWhoseValueIsMissingAndWriteObjectsAsJson() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("answer", "respond",
                Map.of("headers", Map.of("X-Missing", "{{input.h}}", "X-Obj", "{{input.o}}", "X-N", "{{input.n}}"), "body", "ok"))));

        var headers = lethe.run(seq, Map.of("o", Map.of("k", List.of(1, "two")), "n", 3)).response().orElseThrow().headers();

        assertThat(headers).doesNotContainKey("X-Missing").containsEntry("X-Obj", "{\"k\":[1,\"two\"]}").containsEntry("X-N", "3");
    }

    @Test
    void forEachShouldRunItsBodyPerItem() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("loop", "for-each", Map.of("items", "{{input.emails}}", "body", "make")).then("count"),
                BlockDefinition.of("make", "create-instance", Map.of("model", model, "values", Map.of("email", "{{item}}", "score", "{{index}}"))),
                BlockDefinition.of("count", "script", Map.of("source", "return steps.loop.output.map(i => i.data.email);"))));

        ExecutionResult result = lethe.run(seq, Map.of("emails", List.of("a@x.org", "b@x.org", "c@x.org")));

        assertThat(result.succeeded()).as(result.error()).isTrue();
        assertThat(result.output()).isEqualTo(List.of("a@x.org", "b@x.org", "c@x.org"));
        assertThat(lethe.engine.instances().count(model, List.of(), false)).isEqualTo(3);
        assertThat(result.path()).contains("loop[2]/make:next");
    }

    @Test
    void nestedLoopsShouldFrameThePathWithEachLoopsBlockAndIndex() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("rows", "for-each", Map.of("items", "{{input.grid}}", "body", "cells")),
                BlockDefinition.of("cells", "for-each", Map.of("items", "{{item}}", "body", "cell")),
                BlockDefinition.of("cell", "script", Map.of("source", "return context.item * 2;"))));

        ExecutionResult result = lethe.run(seq, Map.of("grid", List.of(List.of(1), List.of(2, 3))));
        ExecutionResult notAList = lethe.run(seq, Map.of("grid", "1,2"));

        assertThat(result.output()).isEqualTo(List.of(List.of(2), List.of(4, 6)));
        assertThat(result.path()).containsExactly("rows[0]/cells[0]/cell:next", "rows[0]/cells:next",
                "rows[1]/cells[0]/cell:next", "rows[1]/cells[1]/cell:next", "rows[1]/cells:next", "rows:next");
        assertThat(notAList.error()).endsWith("items must resolve to a list, not a text");
    }

    @Test
    void callSequenceShouldUseTheOtherSequencesResponse() {
        String callee = lethe.sequence(List.of(BlockDefinition.of("answer", "respond", Map.of("body", Map.of("greeting", "hi {{input.who}}")))));
        String caller = lethe.sequence(List.of(BlockDefinition.of("call", "call-sequence", Map.of("sequence", callee, "input", Map.of("who", "{{input.name}}")))));

        ExecutionResult result = lethe.run(caller, Map.of("name", "Grace"));

        assertThat(result.output()).isEqualTo(Map.of("greeting", "hi Grace"));
    }

    @Test
    void aFailedBlockShouldFollowItsErrorWireOrFailTheRun() {
        String handled = lethe.sequence(List.of(
                BlockDefinition.of("boom", "script", Map.of("source", "throw new Error('nope');")).then("error", "recover"),
                BlockDefinition.of("recover", "respond", Map.of("status", 502, "body", "{{steps.boom.error}}"))));
        String unhandled = lethe.sequence(List.of(BlockDefinition.of("boom", "script", Map.of("source", "\nthrow new Error('nope');"))));

        ExecutionResult recovered = lethe.run(handled, null);
        ExecutionResult failed = lethe.run(unhandled, null);

        assertThat(recovered.succeeded()).isTrue();
        assertThat(recovered.response().orElseThrow().status()).isEqualTo(502);
        assertThat(String.valueOf(recovered.response().orElseThrow().body())).contains("nope");
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).contains("block 'boom' failed").contains("line 2").contains("nope");
    }

    @Test
    void logShouldResolveItsMessage() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("say", "log", Map.of("level", "warn", "message", "order {{input.id}} done"))));

        assertThat(lethe.run(seq, Map.of("id", 7)).output()).isEqualTo("order 7 done");
    }

    @Test
    void logShouldNeverWriteAPersonalValueInClear() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("shape", "script", Map.of("source", "return 'welcome ' + input.email;")).then("say"),
                BlockDefinition.of("say", "log", Map.of("message",
                        "signup {{input.email}} score {{input.score}} ({{steps.shape.output}}) {{input}}"))));

        Object logged = lethe.run(seq, Map.of("email", "ada.unique@example.org", "score", 42)).output();

        assertThat(logged).asString()
                .doesNotContain("ada.unique@example.org")
                .contains("score 42", "welcome [redacted:hmac:")
                .startsWith("signup [redacted:hmac:");
    }

    @Test
    void logShouldRedactAConnectorSecretFromTheMomentItsAccountIsSaved() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("say", "log", Map.of("level", "warn", "message", "got {{input.value}}"))));
        String secret = "sk-" + EngineFixture.unique("secret");
        assertThat(lethe.run(seq, Map.of("value", "warm-up")).output()).isEqualTo("got warm-up"); // the rules are loaded now

        lethe.engine.connectors().save(new ConnectorAccount(
                EngineFixture.unique("crm"), "CRM", "https://crm.example.org", Map.of("X-Api-Key", secret)));

        assertThat(lethe.run(seq, Map.of("value", secret)).output()).asString()
                .startsWith("got [redacted:").doesNotContain(secret);
    }

    @Test
    void logInALoopShouldRedactEveryItemsPersonalValue() {
        String seq = lethe.sequence(List.of(
                BlockDefinition.of("loop", "for-each", Map.of("items", "{{input.people}}", "body", "say")),
                BlockDefinition.of("say", "log", Map.of("level", "debug", "message", "item {{index}}: {{item.email}} {{item}}"))));
        List<Object> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(Map.of("email", "person" + i + ".unique@example.org", "score", i));
        }

        ExecutionResult result = lethe.run(seq, Map.of("people", people));

        assertThat(result.succeeded()).as(result.error()).isTrue();
        assertThat(result.output()).asList().hasSize(50).allSatisfy(line -> assertThat(line).asString()
                .startsWith("item ").contains(": [redacted:hmac:").doesNotContain(".unique@example.org"));
    }

    @Test
    void aFailedRunShouldNotRecordAPersonalValueItsScriptThrew() {
        String seq = lethe.sequence(List.of(BlockDefinition.of("check", "script",
                Map.of("source", "throw new Error('no account for ' + input.email);"))));

        ExecutionResult result = lethe.run(seq, Map.of("email", "bea.unique@example.org"));
        lethe.engine.recorder().flush(Duration.ofSeconds(5));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).contains("no account for [redacted:hmac:").doesNotContain("bea.unique@example.org");
        assertThat(lethe.engine.executions().find(result.executionId()).orElseThrow().error()).isEqualTo(result.error());
    }

    @Test
    void purgeAttributesShouldOverwriteMatchingInstancesIncludingDeactivatedOnes() {
        var instances = lethe.engine.instances();
        var a = instances.create(model, Map.of("email", "gone@example.org", "name", "Gone", "score", 1));
        instances.create(model, Map.of("email", "gone@example.org", "name", "Twice", "score", 2));
        var kept = instances.create(model, Map.of("email", "kept@example.org", "name", "Kept", "score", 3));
        instances.deactivate(model, a.id());
        String seq = lethe.sequence(List.of(BlockDefinition.of("forget", "purge-attributes", Map.of("model", model,
                "where", Map.of("email", "{{input.email}}"), "attributes", Map.of("email", "hmac", "name", "mask")))));

        ExecutionResult result = lethe.run(seq, Map.of("email", "gone@example.org"));

        assertThat(result.output()).isEqualTo(Map.of("overwritten", 2L, "deleted", 0L));
        var all = instances.query(InstanceQuery.all(model).includingInactive()).items();
        assertThat(all).extracting(i -> i.data().get("name")).containsExactlyInAnyOrder("[purged]", "[purged]", "Kept");
        var hashes = all.stream().filter(i -> !i.id().equals(kept.id())).map(i -> i.data().get("email")).distinct().toList();
        assertThat(hashes).singleElement().asString().startsWith("hmac:");
        assertThat(lethe.database.collection("instances").find().into(new ArrayList<>()).toString())
                .doesNotContain("gone@example.org").doesNotContain("Twice");
    }

    @Test
    void purgeAttributesShouldPurgeNothingWhenItsFilterResolvesToNothing() {
        var instances = lethe.engine.instances();
        instances.create(model, Map.of("email", "nameless@example.org"));
        instances.create(model, Map.of("email", "someone@example.org", "name", "Someone"));
        String byName = lethe.sequence(List.of(BlockDefinition.of("forget", "purge-attributes", Map.of("model", model,
                "where", Map.of("name", "{{input.name}}"), "attributes", Map.of("email", "delete")))));
        String byFilter = lethe.sequence(List.of(BlockDefinition.of("forget", "purge-attributes", Map.of("model", model,
                "where", "{{input.where}}", "attributes", Map.of("email", "delete")))));

        ExecutionResult noName = lethe.run(byName, Map.of("other", "x")); // "name equals null" matched every instance without one
        ExecutionResult emptyFilter = lethe.run(byFilter, Map.of("where", Map.of()));
        ExecutionResult emptyPattern = lethe.run(byFilter, Map.of("where", Map.of("name", Map.of("regex", ""))));
        Map<String, Object> inNothing = new HashMap<>();
        inNothing.put("in", null);
        ExecutionResult nullList = lethe.run(byFilter, Map.of("where", Map.of("name", inNothing)));
        String byPrefix = lethe.sequence(List.of(BlockDefinition.of("forget", "purge-attributes", Map.of("model", model,
                "where", Map.of("email", Map.of("regex", "^{{input.prefix}}")), "attributes", Map.of("email", "delete")))));
        ExecutionResult noPrefix = lethe.run(byPrefix, Map.of()); // "^" would match every address

        assertThat(noName.error()).endsWith("nothing purged: the filter's value for 'name' resolved to nothing");
        assertThat(emptyFilter.error()).endsWith("nothing purged: the filter resolved to no condition, which would select every instance");
        assertThat(emptyPattern.error()).endsWith("nothing purged: the filter's value for 'name' resolved to nothing");
        assertThat(nullList.error()).endsWith("nothing purged: the filter's value for 'name' resolved to nothing");
        assertThat(noPrefix.succeeded()).isFalse();
        assertThat(instances.count(model, List.of(), true)).isEqualTo(2);
    }

    @Test
    void purgeAttributesShouldDeleteInstancesWithTheDeleteStrategy() {
        var instances = lethe.engine.instances();
        instances.create(model, Map.of("email", "gone@example.org"));
        instances.create(model, Map.of("email", "kept@example.org"));
        String seq = lethe.sequence(List.of(BlockDefinition.of("forget", "purge-attributes", Map.of("model", model,
                "where", Map.of("email", "gone@example.org"), "attributes", Map.of("email", "delete")))));
        List<InstanceEvent> events = new CopyOnWriteArrayList<>();
        instances.events().subscribe(events::add);

        assertThat(lethe.run(seq, null).output()).isEqualTo(Map.of("overwritten", 0L, "deleted", 1L));
        assertThat(instances.count(model, List.of(), true)).isEqualTo(1);
        assertThat(events).as("no 'deleted' event: it would hand the purged data to the sequences it triggers").isEmpty();
    }

    @Test
    void requestPurgeShouldFileASubjectRequestInTheSequencesNameAndChangeNothingItself() {
        var instances = lethe.engine.instances();
        instances.create(model, Map.of("email", "forget.me@example.org", "name", "Forget Me"));
        List<PurgeScope> filed = new ArrayList<>();
        List<String> requesters = new ArrayList<>();
        lethe.engine.purgeRequests((scope, requester) -> {
            filed.add(scope);
            requesters.add(requester);
            return "req-1";
        });
        String seq = lethe.sequence(List.of(BlockDefinition.of("ask", "request-purge", Map.of("model", model,
                "where", Map.of("email", "{{input.email}}"), "attributes", Map.of("email", "hmac", "name", "null")))));

        String scoreOnly = lethe.sequence(List.of(BlockDefinition.of("ask", "request-purge", Map.of("model", model,
                "where", Map.of("email", "{{input.email}}"), "attributes", Map.of("score", "null")))));
        String notEverywhere = lethe.sequence(List.of(BlockDefinition.of("ask", "request-purge", Map.of("model", model,
                "where", Map.of("email", "{{input.email}}"), "attributes", Map.of("email", "hmac"), "everywhere", false))));

        ExecutionResult result = lethe.run(seq, Map.of("email", "forget.me@example.org"));
        ExecutionResult unselective = lethe.run(seq, Map.of("other", "x"));
        lethe.run(scoreOnly, Map.of("email", "forget.me@example.org"));
        lethe.run(notEverywhere, Map.of("email", "forget.me@example.org"));

        assertThat(result.output()).isEqualTo(Map.of("requestId", "req-1"));
        assertThat(filed).first().isEqualTo(new PurgeScope.Subject(model, null,
                Map.of("email", "forget.me@example.org"), false, Map.of("email", PurgeStrategy.HMAC, "name", PurgeStrategy.NULL), true, null));
        assertThat(filed).extracting(s -> ((PurgeScope.Subject) s).everywhere())
                .as("by default everywhere when a purged attribute is personal; as configured otherwise").containsExactly(true, false, false);
        assertThat(requesters).containsExactly("sequence " + seq, "sequence " + scoreOnly, "sequence " + notEverywhere);
        assertThat(unselective.error()).endsWith("no request filed: the filter's value for 'email' resolved to nothing");
        assertThat(instances.query(InstanceQuery.all(model)).items()).singleElement()
                .satisfies(i -> assertThat(i.data()).containsEntry("name", "Forget Me"));
        lethe.engine.purgeRequests(PurgeRequests.NONE);
    }

    @Test
    void requestPurgeShouldFailItsBlockNotTheRunWhenItsModelIsGone() {
        String gone = EngineFixture.unique("gone");
        lethe.model(Model.of(gone, Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL)));
        lethe.engine.purgeRequests((scope, requester) -> "never");
        String seq = lethe.sequence(List.of(BlockDefinition.of("ask", "request-purge", Map.of("model", gone,
                "where", Map.of("email", "{{input.email}}"), "attributes", Map.of("email", "null")))));
        lethe.engine.models().delete(gone);

        ExecutionResult result = lethe.run(seq, Map.of("email", "someone@example.org"));

        assertThat(result.error()).contains("no request filed: no model '" + gone + "'").doesNotContain("inside Lethe");
        lethe.engine.purgeRequests(PurgeRequests.NONE);
    }

    @Test
    void purgeAttributesShouldRefuseDeleteBesideAnotherStrategyAndSaveNothing() {
        var instances = lethe.engine.instances();
        instances.create(model, Map.of("email", "mixed@example.org", "name", "Mixed"));
        var mixed = Map.of("model", model, "where", Map.of("email", "mixed@example.org"), "attributes", Map.of("email", "hmac", "name", "delete"));
        String name = EngineFixture.unique("mixed");

        assertThatThrownBy(() -> lethe.engine.sequences().save(Sequence.of(name, "forget",
                List.of(BlockDefinition.of("forget", "purge-attributes", mixed)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/blocks/0/config/attributes/email");
                    assertThat(err.message()).contains("removes the whole instance");
                }));
        assertThat(lethe.engine.sequences().find(name)).isEmpty();
        assertThat(instances.count(model, List.of(), true)).as("nothing purged").isEqualTo(1);
    }
}
