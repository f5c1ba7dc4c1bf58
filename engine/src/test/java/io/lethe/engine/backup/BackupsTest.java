package io.lethe.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.instance.Instance;
import io.lethe.engine.job.Retention;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.retention.VersionPurgeTarget;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.RawBytes;
import io.lethe.engine.version.Version;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {

    @TempDir
    Path dir;

    EngineFixture lethe;
    Backups backups;
    BackupArchivesTarget archives;
    String canary;

    @BeforeEach
    void setUp() {
        lethe = new EngineFixture(dir.resolve("db"));
        backups = new Backups(lethe.database, BackupSettings.under(dir), lethe.engine.jobRuns(), Clock.systemUTC(), "test");
        archives = new BackupArchivesTarget(backups, lethe.engine.attributePurge());
        canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        lethe.model(Model.of("customer", Attribute.of("email", AttributeType.STRING), Attribute.of("visits", AttributeType.NUMBER),
                Attribute.of("note", AttributeType.STRING)));
    }

    @AfterEach
    void tearDown() {
        backups.close();
        lethe.close();
    }

    private Instance customer(String email, String note) {
        return lethe.engine.instances().create("customer", Map.of("email", email, "visits", 3, "note", note));
    }

    @Test
    void shouldRestoreEveryCollectionIntoAFreshDataDirectoryWithVerifiedChecksums() {
        // given
        Instance ada = customer("ada@example.org", "first customer");
        BackupInfo taken = backups.create();

        // when
        BackupVerification verification = backups.verify(taken.id());
        RestoreReport report;
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            report = backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);

            // then
            Instance restored = fresh.engine.instances().get("customer", ada.id());
            assertThat(restored.data()).containsEntry("email", "ada@example.org").containsEntry("note", "first customer");
            assertThat(restored.createdAt()).isEqualTo(lethe.engine.instances().get("customer", ada.id()).createdAt());
            assertThat(fresh.engine.models().get("customer").attributes()).hasSize(3);
        }
        assertThat(verification.intact()).isTrue();
        assertThat(report.restored()).containsEntry("instances", 1L).containsKey("models");
        assertThat(backups.manifest(taken.id()).excluded()).contains("purge_ledger", "purge_requests");
        assertThat(backups.list()).extracting(BackupInfo::id).containsExactly(taken.id());
    }

    @Test
    void shouldRestoreEveryBsonTypeAsItWas() {
        // given: a document as a designer's data or a server key may hold it
        Document stored = new Document("_id", "typed").append("int", 7).append("long", 1L << 40).append("double", 2.5)
                .append("decimal", new Decimal128(new BigDecimal("10.05"))).append("date", new Date(1_700_000_000_123L))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b")).append("bytes", new Binary(new byte[] {0, 1, (byte) 255}))
                .append("uuid", new Binary((byte) 4, new byte[16])).append("flag", true).append("nothing", null)
                .append("text", "line\nbreak \"quoted\" é ✓").append("list", List.of(1, "two", new Document("three", 3.0)))
                .append("nested", new Document("deeper", new Document("n", -1)));
        lethe.database.collection("typed").insertOne(stored);
        BackupInfo taken = backups.create();

        // when
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);

            // then: the same BSON, type for type
            RawBsonDocument before = lethe.database.collection("typed").withDocumentClass(RawBsonDocument.class).find().first();
            RawBsonDocument after = fresh.database.collection("typed").withDocumentClass(RawBsonDocument.class).find().first();
            assertThat(after).isEqualTo(before);
            assertThat(after.get("long").getBsonType()).isEqualTo(BsonType.INT64);
            assertThat(after.get("decimal").getBsonType()).isEqualTo(BsonType.DECIMAL128);
            assertThat(after.get("date").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        }
    }

    @Test
    void shouldTakeEveryCollectionAsItWasAtOneInstantWhileWritesGoOn() throws Exception {
        // given: a writer that always adds to "a" first, then to "b": at any instant b has as many or one fewer
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; writing.get(); i++) {
                lethe.database.collection("a").insertOne(new Document("_id", i).append("pad", canary.repeat(20)));
                lethe.database.collection("b").insertOne(new Document("_id", i));
                written.set(i + 1);
            }
        });
        while (written.get() < 200) {
            Thread.sleep(5);
        }

        // when
        BackupInfo taken;
        try {
            taken = backups.create();
            int before = written.get();
            while (written.get() < before + 50) { // writes resume once the copy is taken
                Thread.sleep(5);
            }
        } finally {
            writing.set(false);
            writer.join();
        }

        // then
        Map<String, Long> counts = new HashMap<>();
        backups.manifest(taken.id()).parts().forEach(part -> counts.put(part.collection(), part.documents()));
        assertThat(counts.get("a") - counts.get("b")).isBetween(0L, 1L);
        assertThat(counts.get("a")).isGreaterThanOrEqualTo(200L).isLessThan(lethe.database.collection("a").countDocuments());
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith(".snapshot"));
        }
    }

    @Test
    void shouldRefuseToRestoreADamagedArchive() throws Exception {
        // given
        customer("ada@example.org", "n");
        BackupInfo taken = backups.create();
        Path part;
        try (Stream<Path> files = Files.list(backups.directory().resolve(taken.id()))) {
            part = files.filter(f -> f.getFileName().toString().contains("instances")).findFirst().orElseThrow();
        }
        Files.write(part, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        // when / then
        assertThat(backups.verify(taken.id()).problems()).singleElement().asString().contains("instances");
        assertThatThrownBy(() -> backups.restore(taken.id(), lethe.database, LedgerReplayer.NONE)).hasMessageContaining("damaged");
    }

    @Test
    void shouldRewriteArchivesWithoutAValueAndKeepTheRestRestorable() {
        // given
        customer(canary + "@example.org", "likes tea");
        Instance other = customer("bob@example.org", "met " + canary + " at the fair");
        Instance kept = customer("carol@example.org", "nothing to hide");
        BackupInfo taken = backups.create();
        PurgeScope value = new PurgeScope.Value(canary.toUpperCase());
        assertThat(archives.plan(value)).isEqualTo(2);

        // when
        var counts = archives.execute(value);

        // then
        assertThat(counts.changed()).isEqualTo(2);
        assertThat(archives.verify(value)).isZero();
        assertThat(RawBytes.filesContaining(backups.directory(), canary)).isEmpty();
        assertThat(backups.verify(taken.id()).intact()).isTrue();
        assertThat(backups.list().get(0).generation()).isEqualTo(1);
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);
            assertThat(fresh.engine.instances().get("customer", kept.id()).data()).containsEntry("note", "nothing to hide");
            assertThat(fresh.engine.instances().get("customer", other.id()).data()).containsEntry("note", "met [redacted] at the fair");
        }
    }

    @Test
    void shouldRemoveThePurgedTracesAndExecutionRecordsFromTheArchives() {
        // given: runs of two sequences, and traces (the debugger's collection) of one of them, two days apart
        String purged = lethe.sequence(List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))));
        String other = lethe.sequence(List.of(BlockDefinition.of("say", "log", Map.of("message", "hi"))));
        String purgedRun = lethe.run(purged, Map.of()).executionId();
        String otherRun = lethe.run(other, Map.of()).executionId();
        lethe.engine.recorder().flush(Duration.ofSeconds(5));
        Instant now = Instant.now();
        String recent = "recent-" + canary;
        String old = "older-" + canary;
        lethe.database.collection(BackupArchivesTarget.TRACES).insertMany(List.of(
                new Document("_id", recent).append("sequence", purged).append("startedAt", Date.from(now.minus(Duration.ofHours(1)))),
                new Document("_id", old).append("sequence", purged).append("startedAt", Date.from(now.minus(Duration.ofDays(3))))));
        backups.create();
        PurgeScope runs = new PurgeScope.Executions(purged, null, null);
        PurgeScope traces = new PurgeScope.Traces(purged, now.minus(Duration.ofDays(2)), null);
        assertThat(archives.plan(runs)).isEqualTo(1);
        assertThat(archives.plan(traces)).isEqualTo(1);

        // when
        archives.execute(runs);
        archives.execute(traces);

        // then: they are gone from the archive; what the scopes do not name is still there
        assertThat(archives.verify(runs)).isZero();
        assertThat(archives.verify(traces)).isZero();
        assertThat(RawBytes.filesContaining(backups.directory(), purgedRun)).isEmpty();
        assertThat(RawBytes.filesContaining(backups.directory(), recent)).isEmpty();
        assertThat(RawBytes.filesContaining(backups.directory(), otherRun)).isNotEmpty();
        assertThat(RawBytes.filesContaining(backups.directory(), old)).isNotEmpty();
    }

    @Test
    void shouldRemoveThePrunedVersionsFromTheArchivesButKeepEachArchivesNewest() {
        // given: an archive taken at version 3 of a model whose first two versions hard-coded a value
        var versions = lethe.engine.versions();
        for (int n = 1; n <= 5; n++) {
            versions.append(new Version(Version.MODEL, "lead", n, Map.of("note", n <= 2 ? "call " + canary : "call"), "dora",
                    Instant.now(), null, null));
            if (n == 3) {
                backups.create();
            }
        }
        BackupInfo taken = backups.list().getFirst();
        VersionPurgeTarget live = new VersionPurgeTarget(lethe.database, Clock.systemUTC());
        PurgeScope.Versions keepNewest = live.resolve(new PurgeScope.Versions(Version.MODEL, "lead", 1, null));
        assertThat(archives.plan(keepNewest)).as("versions 1 and 2: the archive's newest, 3, is its current design").isEqualTo(2);

        // when
        live.execute(keepNewest);
        var counts = archives.execute(keepNewest);

        // then
        assertThat(counts.removed()).isEqualTo(2);
        assertThat(archives.verify(keepNewest)).isZero();
        assertThat(RawBytes.filesContaining(backups.directory(), canary)).isEmpty();
        assertThat(backups.verify(taken.id()).intact()).isTrue();
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);
            assertThat(fresh.engine.versions().list(Version.MODEL, "lead")).extracting(Version::number).containsExactly(3);
        }
        assertThat(versions.list(Version.MODEL, "lead")).extracting(Version::number).containsExactly(5);
    }

    @Test
    void shouldRewriteArchivesWithoutASubjectSelectedByFilter() {
        // given
        Instance ada = customer(canary + "@example.org", "n");
        Instance bob = customer("bob@example.org", "n");
        BackupInfo taken = backups.create();
        PurgeScope subject = new PurgeScope.Subject("customer", List.of(), Map.of("email", canary + "@example.org"), false,
                Map.of("email", PurgeStrategy.HMAC, "note", PurgeStrategy.MASK));
        assertThat(archives.plan(subject)).isEqualTo(1);

        // when
        archives.execute(subject);

        // then
        assertThat(archives.verify(subject)).isZero();
        assertThat(RawBytes.filesContaining(backups.directory(), canary)).isEmpty();
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);
            assertThat(fresh.engine.instances().get("customer", ada.id()).data().get("email")).asString().startsWith("hmac:");
            assertThat(fresh.engine.instances().get("customer", ada.id()).data()).containsEntry("note", PurgeStrategy.MASK_TEXT);
            assertThat(fresh.engine.instances().get("customer", bob.id()).data()).containsEntry("email", "bob@example.org");
        }
    }

    @Test
    void shouldRewriteArchivesWithoutASubjectAndItsValuesWhereverElseTheyAreInOnePass() {
        // given
        String email = canary + "@example.org";
        Instance ada = customer(email, "n");
        Instance bob = customer("bob@example.org", "met " + email + " at the fair");
        BackupInfo taken = backups.create();
        PurgeScope subject = new PurgeScope.Subject("customer", List.of(ada.id()), Map.of(), false,
                Map.of("email", PurgeStrategy.HMAC), true, List.of(email));
        assertThat(archives.plan(subject)).as("ada's instance and bob's note").isEqualTo(2);

        // when
        var counts = archives.execute(subject);

        // then
        assertThat(counts.changed()).as("both documents, in one rewrite").isEqualTo(2);
        assertThat(backups.list().get(0).generation()).as("rewritten once").isEqualTo(1);
        assertThat(archives.verify(subject)).isZero();
        assertThat(RawBytes.filesContaining(backups.directory(), canary)).isEmpty();
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);
            assertThat(fresh.engine.instances().get("customer", ada.id()).data())
                    .as("the keyed hash is of the address, not of the redaction mark")
                    .containsEntry("email", lethe.engine.attributePurge().hmac(email));
            assertThat(fresh.engine.instances().get("customer", bob.id()).data()).containsEntry("note", "met [redacted] at the fair")
                    .containsEntry("email", "bob@example.org");
        }
    }

    @Test
    void shouldLeaveTheOldArchiveWholeWhenARewriteCrashesAndFinishOnTheNextRun() throws Exception {
        // given
        customer(canary + "@example.org", "n");
        BackupInfo taken = backups.create();
        PurgeScope value = new PurgeScope.Value(canary);
        backups.crashHook(archive -> {
            throw new IllegalStateException("simulated crash before the manifest switch");
        });

        // when
        assertThatThrownBy(() -> archives.execute(value)).hasMessageContaining("simulated crash");

        // then: the old archive is whole (and still holds the value); the next run finishes the job
        assertThat(backups.verify(taken.id()).intact()).isTrue();
        assertThat(archives.verify(value)).isEqualTo(1);
        backups.crashHook(Backups.SwitchHook.NONE);
        archives.execute(value);
        assertThat(backups.verify(taken.id()).intact()).isTrue();
        assertThat(RawBytes.filesContaining(backups.directory(), canary)).isEmpty();
        try (Stream<Path> files = Files.list(backups.directory().resolve(taken.id()))) {
            assertThat(files.count()).as("manifest + one file per part, no leftovers")
                    .isEqualTo(backups.manifest(taken.id()).parts().size() + 1L);
        }
    }

    @Test
    void shouldMarkARestoreStoppedBeforeItsLedgerReplayUntilItIsRunAgain() {
        customer(canary + "@example.org", "n");
        BackupInfo taken = backups.create();
        try (EngineFixture fresh = new EngineFixture(dir.resolve("fresh"))) {
            LedgerReplayer dies = (createdAt, target) -> {
                throw new IllegalStateException("the process stops before the purges made since are replayed");
            };

            assertThatThrownBy(() -> backups.restore(taken.id(), fresh.database, dies)).hasMessageContaining("process stops");
            assertThat(RestoreMark.unfinished(fresh.database)).as("a server refuses to serve it").contains(taken.id());

            backups.restore(taken.id(), fresh.database, LedgerReplayer.NONE);
            assertThat(RestoreMark.unfinished(fresh.database)).isEmpty();
        }
        assertThat(RestoreMark.unfinished(lethe.database)).as("the source was never marked").isEmpty();
    }

    @Test
    void shouldWipeWhatABackupStoppedHalfWayLeftWhenItStarts() throws Exception {
        customer(canary + "@example.org", "n");
        Path partial = backups.directory().resolve(".20260101T000000000Z.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve(".snapshot.mv.db"), "a copy of the database holding " + canary);

        backups.start();

        assertThat(partial).doesNotExist();
        assertThat(RawBytes.filesContaining(backups.directory(), canary)).isEmpty();
    }

    @Test
    void shouldKeepOnlyTheNewestArchivesAndRecordScheduledRuns() {
        // given
        backups.create();
        backups.create();

        // when
        boolean ran = backups.runIfDue();
        boolean again = backups.runIfDue();

        // then
        assertThat(ran).isTrue();
        assertThat(again).as("one run per day (lease)").isFalse();
        assertThat(backups.prune(2)).isEqualTo(1);
        assertThat(backups.list()).hasSize(2);
        assertThat(lethe.engine.jobRuns().latest(Backups.JOB, 5)).singleElement()
                .satisfies(r -> assertThat(r.counts()).containsKeys("documents", "bytes", "pruned"));
    }

    @Test
    void shouldKeepAsManyArchivesAsTheRetentionSaysWhenTheScheduledBackupRuns() {
        var policy = lethe.engine.retention();
        try (Backups kept = new Backups(lethe.database, BackupSettings.under(dir.resolve("kept")), () -> policy.current().backups(),
                lethe.engine.jobRuns(), Clock.systemUTC(), "test")) {
            kept.create();
            kept.create();
            kept.create();
            policy.set(new Retention(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(7), 2), "ada");

            kept.runIfDue();

            assertThat(kept.list()).hasSize(2);
            assertThat(lethe.engine.jobRuns().latest(Backups.JOB, 1)).singleElement()
                    .satisfies(r -> assertThat(r.counts()).containsEntry("pruned", 2L));
        }
    }
}
