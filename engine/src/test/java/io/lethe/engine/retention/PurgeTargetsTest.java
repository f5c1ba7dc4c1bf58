package io.lethe.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.Instance;
import io.lethe.engine.instance.InstanceEvent;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.sequence.BlockPosition;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.RawBytes;
import io.lethe.engine.version.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every engine store's purge target: plan counts, execute changes, verify finds nothing left, raw bytes clean. */
class PurgeTargetsTest {

    @TempDir
    Path dir;

    EngineFixture lethe;

    @BeforeEach
    void start() {
        lethe = new EngineFixture(dir);
        lethe.model(Model.of("person",
                Attribute.of("email", AttributeType.STRING),
                Attribute.of("name", AttributeType.STRING),
                Attribute.of("city", AttributeType.STRING)));
    }

    @AfterEach
    void stop() {
        lethe.close();
    }

    private PurgeTarget target(String name) {
        return lethe.engine.purgeTargets().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldOverwriteASubjectsAttributesIncludingDeactivatedInstancesIdempotently() {
        var instances = lethe.engine.instances();
        String email = "subject-" + UUID.randomUUID() + "@example.org";
        instances.create("person", Map.of("email", email, "name", "Ada Subject", "city", "London"));
        Instance hidden = instances.create("person", Map.of("email", email, "name", "Ada Again", "city", "Paris"));
        instances.deactivate("person", hidden.id());
        Instance other = instances.create("person", Map.of("email", "other@example.org", "name", "Grace", "city", "NYC"));
        PurgeScope scope = new PurgeScope.Subject("person", null, Map.of("email", email), false,
                Map.of("email", PurgeStrategy.HMAC, "name", PurgeStrategy.MASK));
        PurgeTarget target = target("instances");

        assertThat(target.plan(scope)).isEqualTo(2);
        assertThat(target.execute(scope)).isEqualTo(new PurgeCounts(2, 0));
        assertThat(target.verify(scope)).isZero();
        assertThat(target.execute(scope)).as("running twice is safe").isEqualTo(PurgeCounts.NONE);

        assertThat(instances.get("person", hidden.id()).data()).containsEntry("name", "[purged]").containsEntry("city", "Paris");
        assertThat(instances.get("person", other.id()).data()).containsEntry("name", "Grace");
        lethe.database.compact();
        assertThat(RawBytes.filesContaining(dir, email)).isEmpty();
        assertThat(RawBytes.filesContaining(dir, "Ada Subject")).isEmpty();
    }

    @Test
    void shouldOverwriteConstantStrategiesInOneBulkUpdateIncludingDeactivatedInstances() {
        var instances = lethe.engine.instances();
        Instance a = instances.create("person", Map.of("email", "bulk@example.org", "name", "Bulk One", "city", "Oslo"));
        Instance b = instances.create("person", Map.of("email", "bulk@example.org", "name", "Bulk Two", "city", "Rome"));
        instances.deactivate("person", b.id());
        Instance other = instances.create("person", Map.of("email", "else@example.org", "name", "Else", "city", "Lima"));
        PurgeScope scope = new PurgeScope.Subject("person", null, Map.of("email", "bulk@example.org"), false,
                Map.of("name", PurgeStrategy.MASK, "city", PurgeStrategy.NULL));
        PurgeTarget target = target("instances");

        assertThat(target.execute(scope)).isEqualTo(new PurgeCounts(2, 0));

        assertThat(target.verify(scope)).isZero();
        assertThat(instances.get("person", a.id()).data()).containsEntry("name", "[purged]").containsEntry("city", null);
        assertThat(instances.get("person", b.id()).data()).containsEntry("name", "[purged]");
        assertThat(instances.get("person", other.id()).data()).containsEntry("name", "Else").containsEntry("city", "Lima");
    }

    @Test
    void shouldDeleteSelectedInstancesById() {
        var instances = lethe.engine.instances();
        Instance gone = instances.create("person", Map.of("email", "gone@example.org"));
        PurgeScope scope = new PurgeScope.Subject("person", List.of(gone.id()), null, false, Map.of("email", PurgeStrategy.DELETE));
        PurgeTarget target = target("instances");
        List<InstanceEvent> events = new CopyOnWriteArrayList<>();
        instances.events().subscribe(events::add);

        assertThat(target.plan(scope)).isEqualTo(1);
        assertThat(target.execute(scope)).isEqualTo(new PurgeCounts(0, 1));
        assertThat(target.verify(scope)).isZero();
        assertThat(instances.find("person", gone.id())).isEmpty();
        assertThat(events).as("no 'deleted' event handing the purged data to triggered sequences").isEmpty();
    }

    @Test
    void shouldRefuseSubjectScopesThatAreEmptyNameUnknownAttributesOrMixDeleteWithOthers() {
        var target = (InstancePurgeTarget) target("instances");

        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("person", null, null, false, Map.of("email", PurgeStrategy.NULL))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty selector");
        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("person", null, Map.of("city", "x"), false, Map.of("shoe", PurgeStrategy.NULL))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no attribute 'shoe'");
        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("person", null, Map.of("planet", "x"), false,
                Map.of("email", PurgeStrategy.NULL))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.pointer()).isEqualTo("/where/planet")));
        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("person", null, Map.of("email", Map.of("regex", "(?<=a)b")), false,
                Map.of("email", PurgeStrategy.NULL)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("lookbehind");
        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("ghost", null, null, true, Map.of("x", PurgeStrategy.NULL))))
                .hasMessageContaining("no model 'ghost'");
        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("person", null, null, true,
                Map.of("email", PurgeStrategy.DELETE, "name", PurgeStrategy.HMAC))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/scope/attributes/name");
                    assertThat(err.message()).contains("removes the whole instance");
                }));
    }

    @Test
    void shouldForgetASubjectsPersonalValuesEverywhereInOtherInstancesToo() {
        var instances = lethe.engine.instances();
        lethe.model(Model.of("member", Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("name", AttributeType.STRING).sensitivity(Sensitivity.SENSITIVE),
                Attribute.of("nick", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("plan", AttributeType.STRING)));
        String email = "everywhere-" + UUID.randomUUID() + "@example.org";
        String plan = "plan-" + UUID.randomUUID();
        Instance ada = instances.create("member", Map.of("email", email, "name", "Ada Everywhere", "nick", "Al", "plan", plan));
        Instance grace = instances.create("member", Map.of("email", "grace@example.org", "name", "Grace", "nick", "Gee", "plan", plan));
        Instance copy = instances.create("person", Map.of("email", "someone@example.org", "city", "wrote to " + email.toUpperCase()));
        var target = (InstancePurgeTarget) target("instances");
        var asked = new PurgeScope.Subject("member", null, Map.of("email", email), false,
                Map.of("email", PurgeStrategy.HMAC, "name", PurgeStrategy.NULL, "nick", PurgeStrategy.NULL, "plan", PurgeStrategy.NULL), true, null);
        target.validate(asked);

        PurgeScope.Subject scope = target.resolve(asked);

        assertThat(scope.ids()).containsExactly(ada.id());
        assertThat(scope.values()).as("personal values of 3+ characters only: not the plan, not the nick 'Al'")
                .containsExactlyInAnyOrder(email, "Ada Everywhere");
        assertThat(target.plan(scope)).as("ada, and the person whose city holds her address").isEqualTo(2);
        target.execute(scope);
        assertThat(target.verify(scope)).isZero();
        assertThat(instances.get("member", ada.id()).data()).as("the keyed hash is of the address").containsEntry("email",
                lethe.engine.attributePurge().hmac(email));
        assertThat(instances.get("person", copy.id()).data()).containsEntry("city", "wrote to [redacted]");
        assertThat(instances.get("member", grace.id()).data()).containsEntry("name", "Grace").containsEntry("plan", plan);
        assertThat(target.resolve(asked).values()).as("nothing left to find").isEmpty();
        lethe.database.compact();
        assertThat(RawBytes.filesContaining(dir, email)).isEmpty();
    }

    @Test
    void shouldRefuseEverywhereWithoutPersonalAttributesGivenValuesOrTooManyValues() {
        var target = (InstancePurgeTarget) target("instances");
        lethe.model(Model.of("member", Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("plan", AttributeType.STRING)));

        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("member", null, null, true, Map.of("plan", PurgeStrategy.NULL), true, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().pointer()).isEqualTo("/scope/everywhere"));
        assertThatThrownBy(() -> target.validate(new PurgeScope.Subject("member", null, null, true, Map.of("email", PurgeStrategy.NULL), true,
                List.of("someone@example.org"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().pointer()).isEqualTo("/scope/values"));
        for (int i = 0; i <= ValueRedactor.MAX_VALUES; i++) {
            lethe.engine.instances().create("member", Map.of("email", "m" + i + "@example.org", "plan", "bulk"));
        }
        assertThatThrownBy(() -> target.resolve(new PurgeScope.Subject("member", null, Map.of("plan", "bulk"), false,
                Map.of("email", PurgeStrategy.NULL), true, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("201 values", "select fewer"));
    }

    @Test
    void shouldRemoveAValueFromEveryEngineStoreAndLeaveSequencesRunnable() {
        String canary = "canary-" + UUID.randomUUID();
        var engine = lethe.engine;
        engine.instances().create("person", Map.of("email", canary + "@x.org", "name", "n"));
        engine.models().save(new Model("note", "notes about " + canary, List.of(Attribute.of("text", AttributeType.STRING))));
        Sequence sequence = Sequence.of("greet", "say", List.of(BlockDefinition.of("say", "script",
                Map.of("source", "if (input.who === '" + canary + "') throw new Error('hi " + canary + "'); return 'hello ' + '" + canary + "';"))
                .at(320, 160)));
        Sequence saved = engine.sequences().save(sequence);
        engine.versions().append(new Version(Version.SEQUENCE, "greet", 1, Json.plainMap(saved), "dora", Instant.now(), "with " + canary, null));
        engine.versions().append(new Version(Version.CONNECTOR, "crm-" + canary, 1, Map.of("name", "crm-" + canary), "dora",
                Instant.now(), null, null));
        engine.connectors().save(new ConnectorAccount("crm-" + canary, "account of " + canary, "https://crm.example.org", Map.of("X-Key", "k")));
        lethe.run("greet", Map.of("who", canary)); // a failed run whose error message holds the value
        engine.recorder().flush(Duration.ofSeconds(5));
        PurgeScope scope = new PurgeScope.Value(canary.toUpperCase());

        for (String name : List.of("instances", "versions", "models", "sequences", "connectors", "executions")) {
            PurgeTarget target = target(name);
            assertThat(target.plan(scope)).as("plan " + name).isPositive();
            assertThat(target.execute(scope).total()).as("execute " + name).isPositive();
            assertThat(target.verify(scope)).as("verify " + name).isZero();
        }

        Version redacted = engine.versions().find(Version.SEQUENCE, "greet", 1).orElseThrow();
        assertThat(redacted.redactedAt()).isNotNull();
        assertThat(Json.parse(redacted.document(), Sequence.class).blocks().getFirst().position())
                .as("a redacted version still reads as a sequence, block position kept").isEqualTo(new BlockPosition(320, 160));
        assertThat(engine.sequences().get("greet").blocks().getFirst().position()).isEqualTo(new BlockPosition(320, 160));
        assertThat(lethe.run("greet", Map.of("who", "someone")).output()).isEqualTo("hello [redacted]");
        assertThat(engine.connectors().find("crm-[redacted]")).isPresent();
        lethe.database.compact();
        assertThat(RawBytes.filesContaining(dir, canary)).isEmpty();
    }

    @Test
    void shouldDeleteTheExecutionRecordsOfASequenceInATimeRange() {
        var engine = lethe.engine;
        String noisy = lethe.sequence(List.of(BlockDefinition.of("fail", "script", Map.of("source", "throw new Error('no');"))));
        String other = lethe.sequence(List.of(BlockDefinition.of("fail", "script", Map.of("source", "throw new Error('no');"))));
        Instant before = Instant.now();
        lethe.run(noisy, Map.of());
        lethe.run(noisy, Map.of());
        lethe.run(other, Map.of());
        engine.recorder().flush(Duration.ofSeconds(5));
        PurgeTarget target = target("executions");
        PurgeScope scope = new PurgeScope.Executions(noisy, before, null);

        assertThat(target.plan(scope)).isEqualTo(2);
        assertThat(target.plan(new PurgeScope.Executions(noisy, null, before))).as("none started before").isZero();
        assertThat(target.execute(scope)).isEqualTo(new PurgeCounts(0, 2));
        assertThat(target.verify(scope)).isZero();
        assertThat(engine.executions().count(noisy)).isZero();
        assertThat(engine.executions().count(other)).as("another sequence's records").isEqualTo(1);
        assertThat(target.execute(scope)).as("running twice is safe").isEqualTo(PurgeCounts.NONE);
    }

    @Test
    void shouldPruneOldVersionsButNeverTheNewest() {
        var versions = lethe.engine.versions();
        for (int n = 1; n <= 5; n++) {
            versions.append(new Version(Version.MODEL, "person", n, Map.of("n", n), "dora", Instant.parse("2026-01-0" + n + "T00:00:00Z"), null, null));
        }
        PurgeTarget target = target("versions");

        PurgeScope keepTwo = new PurgeScope.Versions(Version.MODEL, "person", 2, null);
        assertThat(target.plan(keepTwo)).isEqualTo(3);
        assertThat(target.execute(keepTwo)).isEqualTo(new PurgeCounts(0, 3));
        assertThat(versions.list(Version.MODEL, "person")).extracting(Version::number).containsExactly(5, 4);

        PurgeScope everythingOld = new PurgeScope.Versions(Version.MODEL, "person", null, Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(target.execute(everythingOld)).isEqualTo(new PurgeCounts(0, 1));
        assertThat(versions.list(Version.MODEL, "person")).extracting(Version::number).containsExactly(5);
        assertThat(target.verify(everythingOld)).isZero();
    }

    @Test
    void shouldPruneEveryOldVersionHoldingAValueButNoArtefactsNewest() {
        // given: two artefacts whose old versions hard-coded a value, and one whose newest still holds it
        var versions = lethe.engine.versions();
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        versions.append(new Version(Version.MODEL, "person", 1, Map.of("note", "ask " + canary), "dora", at, null, null));
        versions.append(new Version(Version.MODEL, "person", 2, Map.of("note", "ask " + canary.toUpperCase()), "dora", at, null, null));
        versions.append(new Version(Version.MODEL, "person", 3, Map.of("note", "ask"), "dora", at, null, null));
        versions.append(new Version(Version.SEQUENCE, "signup", 1, Map.of("s", "x"), "dora", at, "for " + canary, null));
        versions.append(new Version(Version.SEQUENCE, "signup", 2, Map.of("s", canary), "dora", at, null, null));
        versions.append(new Version(Version.SEQUENCE, "other", 1, Map.of("s", canary + "suffix"), "dora", at, null, null));
        versions.append(new Version(Version.SEQUENCE, "other", 2, Map.of("s", "y"), "dora", at, null, null));
        VersionPurgeTarget target = (VersionPurgeTarget) target("versions");
        PurgeScope.Versions holding = new PurgeScope.Versions(null, null, null, null, canary, null);

        // when
        PurgeScope.Versions resolved = target.resolve(holding);
        long planned = target.plan(holding);
        PurgeCounts counts = target.execute(resolved);

        // then: whole tokens only, never the newest (signup 2 still holds it: a value purge redacts it)
        assertThat(resolved.ids()).containsExactlyInAnyOrder("model:person:1", "model:person:2", "sequence:signup:1");
        assertThat(planned).isEqualTo(3);
        assertThat(counts).isEqualTo(new PurgeCounts(0, 3));
        assertThat(target.verify(resolved)).isZero();
        assertThat(versions.list(Version.MODEL, "person")).extracting(Version::number).containsExactly(3);
        assertThat(versions.list(Version.SEQUENCE, "signup")).extracting(Version::number).containsExactly(2);
        assertThat(versions.list(Version.SEQUENCE, "other")).extracting(Version::number).containsExactly(2, 1);
        PurgeScope.Versions replayed = new PurgeScope.Versions(null, null, null, null, null, List.of("model:person:3", "sequence:other:1"));
        assertThat(target.execute(replayed)).as("ids naming an artefact's newest (a replay into an older restore) keep it")
                .isEqualTo(new PurgeCounts(0, 1));
        assertThat(versions.list(Version.MODEL, "person")).extracting(Version::number).containsExactly(3);
    }

    @Test
    void shouldRefuseVersionScopesThatSelectNothingClearly() {
        assertThatThrownBy(() -> VersionPurgeTarget.validate(new PurgeScope.Versions(null, null, null, null, "ab", null)))
                .hasMessageContaining("/scope/containing");
        assertThatThrownBy(() -> VersionPurgeTarget.validate(new PurgeScope.Versions(null, "signup", null, null, "abc", null)))
                .hasMessageContaining("/scope/kind");
        assertThatThrownBy(() -> VersionPurgeTarget.validate(new PurgeScope.Versions(Version.MODEL, "p", 1, null, null, List.of("x"))))
                .hasMessageContaining("/scope/ids");
        assertThatThrownBy(() -> VersionPurgeTarget.validate(new PurgeScope.Versions(Version.MODEL, "p", null, null)))
                .hasMessageContaining("containing");
        VersionPurgeTarget.validate(new PurgeScope.Versions(null, null, null, null, "abc", null)); // every artefact holding it
        VersionPurgeTarget.validate(new PurgeScope.Versions(Version.SEQUENCE, null, null, null, "abc", null));
    }
}
