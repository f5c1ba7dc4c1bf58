package io.lethe.web;

import io.lethe.engine.Engine;
import io.lethe.engine.log.LogPurger;
import io.lethe.engine.retention.InstancePurgeTarget;
import io.lethe.engine.retention.PurgeRequests;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.VersionPurgeTarget;
import io.lethe.engine.store.Database;
import io.lethe.purge.PurgeRequestStore;
import io.lethe.purge.PurgeService;
import io.lethe.purge.PurgeSettings;
import io.lethe.purge.PurgeTargets;
import io.lethe.purge.WaitingRequestsTarget;
import io.lethe.purge.api.PurgeApi;
import io.lethe.purge.ledger.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The purge subsystem wired over the engine's stores (part of the composition root). */
public final class Purges implements AutoCloseable {

    private final PurgeTargets targets;
    private final Ledger ledger;
    private final PurgeService service;

    Purges(Engine engine, Database database, List<PurgeTarget> targets, PurgeSettings settings, Path dataDir,
            Clock clock) {
        PurgeRequestStore requests = new PurgeRequestStore(database);
        this.targets = new PurgeTargets(Stream.concat(targets.stream(), Stream.of(new WaitingRequestsTarget(requests))).toList());
        this.ledger = new Ledger(database, clock, ledgerMirror(dataDir));
        InstancePurgeTarget instances = targets.stream().filter(InstancePurgeTarget.class::isInstance)
                .map(InstancePurgeTarget.class::cast).findFirst().orElseThrow();
        VersionPurgeTarget versions = targets.stream().filter(VersionPurgeTarget.class::isInstance)
                .map(VersionPurgeTarget.class::cast).findFirst().orElseThrow();
        this.service = new PurgeService(requests, this.targets, ledger, engine.exports(), database,
                engine.attributePurge()::hmac, scope -> {
                    switch (scope) {
                        case PurgeScope.Subject s -> instances.validate(s);
                        case PurgeScope.Versions v -> VersionPurgeTarget.validate(v);
                        default -> { }
                    }
                }, scope -> switch (scope) {
                    case PurgeScope.Subject s -> instances.resolve(s);
                    case PurgeScope.Versions v -> versions.resolve(v);
                    default -> scope;
                }, settings, clock);
    }

    /**
     * Where the ledger is mirrored: {@code LETHE_LEDGER_FILE} (put it on other storage than the
     * database and the backups), else {@code <data>/ledger/purge-ledger.jsonl}.
     */
    public static Path ledgerMirror(Path dataDir) {
        String configured = System.getenv("LETHE_LEDGER_FILE");
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath().normalize()
                : dataDir.resolve("ledger").resolve("purge-ledger.jsonl");
    }

    /** What a sequence's {@code request-purge} block files its requests with. */
    public PurgeRequests requests() {
        return (scope, requester) -> service.file(scope, requester).id();
    }

    public PurgeService service() {
        return service;
    }

    public PurgeTargets targets() {
        return targets;
    }

    public Ledger ledger() {
        return ledger;
    }

    PurgeApi api(Optional<LogPurger> logs, Predicate<String> isAccount) {
        return new PurgeApi(service, ledger, logs, isAccount);
    }

    @Override
    public void close() {
        service.close();
    }
}
