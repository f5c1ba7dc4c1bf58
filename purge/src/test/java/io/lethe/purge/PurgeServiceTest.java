package io.lethe.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.retention.InstancePurgeTarget;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.RawBytes;
import io.lethe.purge.ledger.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeServiceTest {

    @TempDir
    Path dir;

    EngineFixture lethe;
    Ledger ledger;
    String canary;

    @BeforeEach
    void start() {
        lethe = new EngineFixture(dir);
        ledger = new Ledger(lethe.database, Clock.systemUTC());
        lethe.model(Model.of("person", Attribute.of("email", AttributeType.STRING), Attribute.of("name", AttributeType.STRING)));
        canary = "canary-" + UUID.randomUUID() + "@example.org";
        lethe.engine.instances().create("person", Map.of("email", canary, "name", "Ada"));
        lethe.engine.instances().create("person", Map.of("email", "kept@example.org", "name", "Grace"));
    }

    @AfterEach
    void stop() {
        lethe.close();
    }

    PurgeService service(List<PurgeTarget> targets, PurgeSettings settings) {
        return service(targets, settings, UnaryOperator.identity());
    }

    /** @param resolver as the composition root wires it: subjects resolved to their ids and values when the run starts */
    PurgeService service(List<PurgeTarget> targets, PurgeSettings settings, UnaryOperator<PurgeScope> resolver) {
        InstancePurgeTarget instances = (InstancePurgeTarget) lethe.engine.purgeTargets().get(0);
        return new PurgeService(new PurgeRequestStore(lethe.database), new PurgeTargets(targets), ledger, lethe.engine.exports(),
                lethe.database, lethe.engine.attributePurge()::hmac, scope -> {
                    if (scope instanceof PurgeScope.Subject s) {
                        instances.validate(s);
                    }
                }, resolver, settings, Clock.systemUTC());
    }

    PurgeService service() {
        return service(lethe.engine.purgeTargets(), PurgeSettings.defaults());
    }

    @Test
    void shouldPlanApproveRunVerifyAndLeaveAReceiptWithoutTheValue() {
        PurgeService purges = service();
        PurgeRequest draft = purges.create(new PurgeScope.Value(canary), "alice");

        PurgeRequest planned = purges.plan(draft.id());
        assertThat(planned.status()).isEqualTo(PurgeStatus.PLANNED);
        assertThat(planned.targets()).filteredOn(t -> t.target().equals("instances")).singleElement()
                .satisfies(t -> assertThat(t.planned()).isEqualTo(1));
        assertThat(lethe.engine.instances().count("person", List.of(), true)).as("planning changes nothing").isEqualTo(2);
        assertThatThrownBy(() -> purges.approve(draft.id(), "alice")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("someone other than its requester");
        assertThatThrownBy(() -> purges.run(draft.id())).isInstanceOf(ConflictException.class);

        purges.approve(draft.id(), "bob");
        purges.run(draft.id());
        PurgeRequest done = await(purges, draft.id());

        assertThat(done.status()).isEqualTo(PurgeStatus.COMPLETED);
        assertThat(done.approvedBy()).isEqualTo("bob");
        assertThat(done.targets()).filteredOn(TargetResult::applicable).allSatisfy(t -> assertThat(t.remaining()).isZero());
        assertThat(done.bytesReclaimed()).isNotNull();
        assertThat(done.scopeForgotten()).isTrue();
        assertThat(ledger.verify().intact()).isTrue();
        var receipt = ledger.entries().get(0).receipt();
        assertThat(receipt).containsEntry("requestedBy", "alice").containsEntry("approvedBy", "bob");
        assertThat(Json.write(receipt)).doesNotContain(canary).doesNotContain(canary.toLowerCase());
        assertThat(RawBytes.filesContaining(dir, canary)).as("the value, the request's copy of it included").isEmpty();
    }

    @Test
    void shouldRunARequestOnceWhenAskedToRunItSeveralTimesAtOnce() throws Exception {
        PurgeService purges = service();
        PurgeRequest request = purges.create(new PurgeScope.Value(canary), "alice");
        purges.plan(request.id());
        purges.approve(request.id(), "bob");
        int callers = 6;
        var ready = new CyclicBarrier(callers);
        List<Future<String>> outcomes = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                outcomes.add(threads.submit(() -> {
                    ready.await();
                    try {
                        purges.run(request.id());
                        return "started";
                    } catch (ConflictException e) {
                        return "conflict";
                    }
                }));
            }
        }
        List<String> answers = new ArrayList<>();
        for (var outcome : outcomes) {
            answers.add(outcome.get());
        }

        assertThat(answers).containsOnlyOnce("started").containsOnly("started", "conflict");
        assertThat(await(purges, request.id()).status()).isEqualTo(PurgeStatus.COMPLETED);
        assertThat(ledger.entries()).as("one receipt, one run").hasSize(1);
        assertThatThrownBy(() -> purges.approve(request.id(), "carol")).isInstanceOf(ConflictException.class);
    }

    @Test
    void shouldAllowSelfApprovalOnlyInSingleAdminModeAndCancelBeforeRunning() {
        PurgeService single = service(lethe.engine.purgeTargets(), new PurgeSettings(true, false));
        PurgeRequest request = single.create(new PurgeScope.Value(canary), "alice");
        single.plan(request.id());
        assertThat(single.approve(request.id(), "alice").status()).isEqualTo(PurgeStatus.APPROVED);

        PurgeRequest cancelled = single.cancel(request.id());
        assertThat(cancelled.status()).isEqualTo(PurgeStatus.CANCELLED);
        assertThatThrownBy(() -> single.run(request.id())).isInstanceOf(ConflictException.class);
        assertThat(single.get(request.id()).scopeForgotten()).as("a cancelled request keeps no value").isTrue();
        lethe.engine.instances().query(InstanceQuery.all("person")).items()
                .forEach(i -> lethe.engine.instances().erase("person", i.id())); // the value's other copy
        lethe.database.compact();
        assertThat(RawBytes.filesContaining(dir, canary)).isEmpty();
    }

    @Test
    void shouldRefuseScopesThatAreEmptyOrUnknown() {
        PurgeService purges = service();

        assertThatThrownBy(() -> purges.create(new PurgeScope.Subject("person", null, null, false, Map.of("email", PurgeStrategy.NULL)), "alice"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty selector");
        assertThatThrownBy(() -> purges.create(new PurgeScope.Value(" "), "alice")).isInstanceOf(InvalidInputException.class);
        assertThat(purges.list(10)).isEmpty();
    }

    @Test
    void shouldRunARequestInOneProcessWhenSeveralShareTheDatabase() throws Exception {
        var entered = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        PurgeTarget slow = new Wrapper(lethe.engine.purgeTargets().get(0)) {
            @Override
            public PurgeCounts execute(PurgeScope scope) {
                runs.incrementAndGet();
                entered.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.execute(scope);
            }
        };
        PurgeService running = service(List.of(slow), PurgeSettings.defaults()).sharingTheDatabase();
        PurgeService starting = service(List.of(slow), PurgeSettings.defaults()).sharingTheDatabase();
        PurgeRequest request = running.create(new PurgeScope.Value(canary), "alice");
        running.plan(request.id());
        running.approve(request.id(), "bob");
        running.run(request.id());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(starting.resumeInterrupted()).as("a process starting meanwhile finds it running").isEqualTo(1);
        PurgeRequest seen = CompletableFuture.supplyAsync(() -> starting.complete(request.id()))
                .get(10, TimeUnit.SECONDS);
        proceed.countDown();

        assertThat(seen.status()).as("left to the process running it").isEqualTo(PurgeStatus.RUNNING);
        assertThat(await(running, request.id()).status()).isEqualTo(PurgeStatus.COMPLETED);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(ledger.entries()).as("one receipt").hasSize(1);
    }

    @Test
    void shouldResumeAfterACrashWithoutDoingFinishedTargetsTwice() {
        AtomicInteger firstCalls = new AtomicInteger();
        AtomicInteger crashes = new AtomicInteger();
        PurgeTarget counting = counting(lethe.engine.purgeTargets().get(0), firstCalls);
        PurgeTarget crashing = new Wrapper(lethe.engine.purgeTargets().get(1)) {
            @Override
            public PurgeCounts execute(PurgeScope scope) {
                if (crashes.getAndIncrement() == 0) {
                    throw new ProcessDeath(); // the process dies in the middle of this target
                }
                return super.execute(scope);
            }
        };
        PurgeService before = service(List.of(counting, crashing), PurgeSettings.defaults());
        PurgeRequest request = before.create(new PurgeScope.Value(canary), "alice");
        before.plan(request.id());
        before.approve(request.id(), "bob");
        PurgeRequest started = new PurgeRequestStore(lethe.database).find(request.id()).orElseThrow().started(Instant.now());
        new PurgeRequestStore(lethe.database).save(started);
        assertThatThrownBy(() -> before.complete(request.id())).isInstanceOf(ProcessDeath.class);
        assertThat(before.get(request.id()).status()).isEqualTo(PurgeStatus.RUNNING);

        PurgeService afterRestart = service(List.of(counting, crashing), PurgeSettings.defaults());
        PurgeRequest done = afterRestart.complete(request.id());

        assertThat(done.status()).isEqualTo(PurgeStatus.COMPLETED);
        assertThat(firstCalls.get()).as("a finished target is not run again").isEqualTo(1);
        assertThat(crashes.get()).as("the interrupted target runs again").isEqualTo(2);
        assertThat(lethe.engine.instances().count("person", List.of(), true)).isEqualTo(2);
    }

    @Test
    void shouldForgetASubjectsValuesEverywhereAndResumeThatAfterACrashOnceItsInstancesArePurged() {
        lethe.model(Model.of("member", Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL)));
        lethe.engine.instances().create("member", Map.of("email", canary));
        String sequence = lethe.sequence(List.of(BlockDefinition.of("s", "script", Map.of("source", "return input.e === '" + canary + "';"))));
        InstancePurgeTarget instances = (InstancePurgeTarget) lethe.engine.purgeTargets().get(0);
        PurgeTarget sequences = lethe.engine.purgeTargets().stream().filter(t -> t.name().equals("sequences")).findFirst().orElseThrow();
        AtomicInteger crashes = new AtomicInteger();
        PurgeTarget crashing = new Wrapper(sequences) {
            @Override
            public PurgeCounts execute(PurgeScope scope) {
                if (crashes.getAndIncrement() == 0) {
                    throw new ProcessDeath(); // killed after the instances were purged, while the values were still to go
                }
                return super.execute(scope);
            }
        };
        UnaryOperator<PurgeScope> resolver = scope -> scope instanceof PurgeScope.Subject s ? instances.resolve(s) : scope;
        PurgeService before = service(List.of(instances, crashing), PurgeSettings.defaults(), resolver);
        PurgeRequest request = before.create(new PurgeScope.Subject("member", null, Map.of("email", canary), false,
                Map.of("email", PurgeStrategy.HMAC), true, null), "alice");
        assertThat(before.plan(request.id()).targets()).as("the sequence holding the address is planned too")
                .anySatisfy(t -> assertThat(t.target() + " " + t.planned()).isEqualTo("sequences 1"));
        before.approve(request.id(), "bob");
        PurgeRequest started = before.run(request.id());
        long deadline = System.currentTimeMillis() + 20_000;
        while (crashes.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(before.get(request.id()).status()).isEqualTo(PurgeStatus.RUNNING);
        assertThat(lethe.engine.instances().count("member", List.of(), true)).isEqualTo(1);

        PurgeRequest done = service(List.of(instances, crashing), PurgeSettings.defaults(), resolver).complete(request.id());

        assertThat(started.scope()).isInstanceOfSatisfying(PurgeScope.Subject.class, s -> assertThat(s.values()).containsExactly(canary));
        assertThat(done.status()).isEqualTo(PurgeStatus.COMPLETED);
        assertThat(crashes.get()).as("the interrupted target runs again").isEqualTo(2);
        assertThat(Json.write(lethe.engine.sequences().get(sequence).blocks())).as("a design: the value's name marker")
                .containsPattern("'redacted_[0-9a-f]{8}'");
        assertThat(started.scope()).isInstanceOfSatisfying(PurgeScope.Subject.class, s -> assertThat(s.mark()).isNotBlank());
        assertThat(done.scope()).isInstanceOfSatisfying(PurgeScope.Subject.class, s -> {
            assertThat(s.values()).singleElement().asString().startsWith("hmac:");
            assertThat(s.mark()).as("forgotten with the values").isNull();
        });
        assertThat(RawBytes.filesContaining(dir, canary)).isEmpty();
    }

    @Test
    void shouldPlanFiledRequestsInTheBackgroundAndCapHowManyOneRequesterHasWaiting() {
        PurgeService purges = service();
        PurgeScope scope = new PurgeScope.Subject("person", null, Map.of("email", canary), false, Map.of("name", PurgeStrategy.NULL));
        PurgeRequest first = purges.file(scope, "sequence forget-me");
        for (int i = 1; i < PurgeService.MAX_WAITING_PER_REQUESTER; i++) {
            purges.file(scope, "sequence forget-me");
        }

        assertThatThrownBy(() -> purges.file(scope, "sequence forget-me")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already wait for an admin");
        assertThat(purges.file(scope, "sequence other").requestedBy()).as("per requester").isEqualTo("sequence other");
        long deadline = System.currentTimeMillis() + 20_000;
        while (purges.get(first.id()).status() != PurgeStatus.PLANNED && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(purges.get(first.id()).status()).as("planned in the background").isEqualTo(PurgeStatus.PLANNED);
        purges.cancel(first.id());
        assertThat(purges.file(scope, "sequence forget-me").status()).isEqualTo(PurgeStatus.DRAFT);
        purges.close();
    }

    @Test
    void shouldFailVerificationWhenALeftoverIsPlanted() {
        PurgeTarget instances = lethe.engine.purgeTargets().get(0);
        PurgeTarget planting = new Wrapper(instances) {
            @Override
            public PurgeCounts execute(PurgeScope scope) {
                PurgeCounts counts = super.execute(scope);
                lethe.engine.instances().create("person", Map.of("email", canary, "name", "planted"));
                return counts;
            }
        };
        PurgeService purges = service(List.of(planting), PurgeSettings.defaults());
        PurgeRequest request = purges.create(new PurgeScope.Value(canary), "alice");
        purges.plan(request.id());
        purges.approve(request.id(), "bob");
        purges.run(request.id());

        PurgeRequest done = await(purges, request.id());

        assertThat(done.status()).isEqualTo(PurgeStatus.FAILED);
        assertThat(done.targets().get(0).remaining()).isEqualTo(1);
        assertThat(ledger.entries()).singleElement().satisfies(e -> assertThat(e.receipt()).containsEntry("status", "failed"));
    }

    @Test
    void shouldDetectATamperedLedgerEntry() {
        for (int i = 0; i < 3; i++) {
            ledger.append(Map.of("requestId", "r" + i, "status", "completed"));
        }
        assertThat(ledger.verify().intact()).isTrue();

        lethe.database.collection(Ledger.COLLECTION).updateOne(Filters.eq("_id", 2L),
                Updates.set("receipt", "{\"requestId\":\"r1\",\"status\":\"failed\"}"));

        Ledger.Verification verification = ledger.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBroken()).isEqualTo(2L);
    }

    @Test
    void shouldMirrorTheLedgerToAFileAndRebuildItInAFreshDatabase() {
        Path mirror = dir.resolve("ledger").resolve("purge-ledger.jsonl");
        Ledger mirrored = new Ledger(lethe.database, Clock.systemUTC(), mirror);
        mirrored.append(Map.of("requestId", "r1", "status", "completed"));
        mirrored.append(Map.of("requestId", "r2", "status", "completed"));
        lethe.database.collection(Ledger.COLLECTION).drop(); // the database is lost

        int imported = mirrored.importMirror();

        assertThat(imported).isEqualTo(2);
        assertThat(mirrored.entries()).extracting(e -> e.receipt().get("requestId")).containsExactly("r1", "r2");
        assertThat(mirrored.verify().intact()).isTrue();
        assertThat(mirrored.importMirror()).as("idempotent").isZero();
    }

    @Test
    void shouldAppendAPurgesReceiptOnceAndMirrorWhatACrashKeptFromTheMirror() throws Exception {
        Path mirror = dir.resolve("crashed-ledger").resolve("purge-ledger.jsonl");
        Ledger beforeItsMirrorLine = new Ledger(lethe.database, Clock.systemUTC()); // the process died before writing the line
        String first = beforeItsMirrorLine.append(Map.of("requestId", "crashed", "status", "completed"));
        Ledger mirrored = new Ledger(lethe.database, Clock.systemUTC(), mirror);

        String again = mirrored.appendOnce("crashed", Map.of("requestId", "crashed", "status", "completed"));
        mirrored.appendOnce("next", Map.of("requestId", "next", "status", "completed"));

        assertThat(again).as("the resumed run closes on the entry it had appended").isEqualTo(first);
        assertThat(mirrored.entries()).filteredOn(e -> "crashed".equals(e.receipt().get("requestId"))).hasSize(1);
        List<String> lines = Files.readAllLines(mirror);
        assertThat(lines).hasSize(mirrored.entries().size());
        assertThat(String.join("\n", lines)).contains("crashed").contains("next");
        lethe.database.collection(Ledger.COLLECTION).drop(); // the database is lost: the mirror has every link
        mirrored.importMirror();
        assertThat(mirrored.verify().intact()).isTrue();
    }

    private static PurgeRequest await(PurgeService purges, String id) {
        long deadline = System.currentTimeMillis() + 20_000;
        PurgeRequest request = purges.get(id);
        while (!Set.of(PurgeStatus.COMPLETED, PurgeStatus.FAILED).contains(request.status()) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            request = purges.get(id);
        }
        return request;
    }

    private static PurgeTarget counting(PurgeTarget target, AtomicInteger calls) {
        return new Wrapper(target) {
            @Override
            public PurgeCounts execute(PurgeScope scope) {
                calls.incrementAndGet();
                return super.execute(scope);
            }
        };
    }

    /** Stands for the process being killed: not an exception the service may catch and record. */
    static final class ProcessDeath extends Error {
    }

    static class Wrapper implements PurgeTarget {
        private final PurgeTarget inner;

        Wrapper(PurgeTarget inner) {
            this.inner = inner;
        }

        public String name() {
            return inner.name();
        }

        public Set<String> collections() {
            return inner.collections();
        }

        public boolean handles(PurgeScope scope) {
            return inner.handles(scope);
        }

        public long plan(PurgeScope scope) {
            return inner.plan(scope);
        }

        public PurgeCounts execute(PurgeScope scope) {
            return inner.execute(scope);
        }

        public long verify(PurgeScope scope) {
            return inner.verify(scope);
        }
    }

}
