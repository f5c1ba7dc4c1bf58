package io.lethe.purge;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.instance.Ids;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.store.Database;
import io.lethe.engine.transfer.ExportRegister;
import io.lethe.purge.ledger.Ledger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purge lifecycle: create (draft) → plan (dry run, per-target counts) → approve (by another admin)
 * → run (per target, each state written before the next step, so a crash resumes where it stopped;
 * every target is idempotent) → verify (rescan every target) → completed or failed, with a receipt
 * appended to the ledger, the database compacted and the scope's values replaced by keyed hashes.
 */
public final class PurgeService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PurgeService.class);

    private final PurgeRequestStore store;
    private final PurgeTargets targets;
    private final Ledger ledger;
    private final ExportRegister exports;
    private final Database database;
    private final Function<Object, String> hmac;
    private final Consumer<PurgeScope> validator;
    private final UnaryOperator<PurgeScope> resolver;
    private final PurgeSettings settings;
    private final Clock clock;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lethe-purge-", 0).factory());
    /** Plans filed requests one at a time: a public "forget me" hook called in a loop must not scan every store at once. */
    private final ExecutorService planner = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("lethe-purge-planner").factory());
    /** Renews the run leases this process holds and looks for runs to resume ({@link #start}). */
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lethe-purge-leases").unstarted(r));
    private volatile RunLeases leases;

    /** At most this many requests filed by one requester (a sequence) wait for an admin at once. */
    static final int MAX_WAITING_PER_REQUESTER = 100;

    /**
     * @param hmac      keyed hash of a value (the server's purge key), for receipts and forgotten scopes
     * @param validator checks a scope against the stores (models, attributes); throws {@link InvalidInputException}
     */
    public PurgeService(PurgeRequestStore store, PurgeTargets targets, Ledger ledger, ExportRegister exports, Database database,
            Function<Object, String> hmac, Consumer<PurgeScope> validator, PurgeSettings settings, Clock clock) {
        this(store, targets, ledger, exports, database, hmac, validator, scope -> scope, settings, clock);
    }

    /**
     * @param resolver turns a scope into the exact items it selects when the run starts (a subject's filter
     *                 into instance ids), so the receipt can say which ids a ledger replay must purge again
     */
    public PurgeService(PurgeRequestStore store, PurgeTargets targets, Ledger ledger, ExportRegister exports, Database database,
            Function<Object, String> hmac, Consumer<PurgeScope> validator, UnaryOperator<PurgeScope> resolver,
            PurgeSettings settings, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.targets = targets;
        this.ledger = ledger;
        this.exports = exports;
        this.database = database;
        this.hmac = hmac;
        this.validator = validator;
        this.settings = settings;
        this.clock = clock;
        this.leases = RunLeases.of(database, clock);
    }

    /** For tests: behave as one of several processes sharing a MongoDB, whatever the database is. */
    PurgeService sharingTheDatabase() {
        leases = RunLeases.of(database, clock, true);
        return this;
    }

    public PurgeRequest create(PurgeScope scope, String requester) {
        Scopes.check(scope);
        validator.accept(scope);
        PurgeRequest request = new PurgeRequest(Ids.next(), scope, Scopes.describe(scope), false, PurgeStatus.DRAFT, requester,
                null, clock.instant(), null, null, null, null, List.of(), null, null);
        store.save(request);
        return request;
    }

    /**
     * Files a request in {@code requester}'s name (a sequence's {@code request-purge} block) and plans it in
     * the background; an admin approves it as any other.
     */
    public PurgeRequest file(PurgeScope scope, String requester) {
        if (store.waiting(requester) >= MAX_WAITING_PER_REQUESTER) {
            throw new ConflictException(MAX_WAITING_PER_REQUESTER + " requests filed by " + requester
                    + " already wait for an admin: approve, run or cancel some first");
        }
        PurgeRequest draft = create(scope, requester);
        planner.execute(() -> {
            try {
                plan(draft.id());
            } catch (RuntimeException e) { // left a draft: an admin plans it and sees why (the message may quote values)
                log.atWarn().addKeyValue("purge", draft.id()).addKeyValue("error", e.getClass().getName()).log("filed purge not planned");
            }
        });
        return draft;
    }

    public PurgeRequest get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no purge request '" + id + "'"));
    }

    public List<PurgeRequest> list(int limit) {
        return store.list(limit);
    }

    /** The dry run: what each target would change; nothing changes. */
    public PurgeRequest plan(String id) {
        PurgeRequest request = expect(get(id), PurgeStatus.DRAFT, PurgeStatus.PLANNED);
        // the values a subject would forget everywhere and the versions a prune selects, as they are now
        // (kept only once the run starts)
        PurgeScope now = request.scope() instanceof PurgeScope.Subject s && s.everywhere() || request.scope() instanceof PurgeScope.Versions
                ? resolver.apply(request.scope()) : request.scope();
        List<TargetResult> plan = new ArrayList<>();
        for (PurgeTarget target : targets.all()) {
            if (!Scopes.applies(target, now)) {
                plan.add(TargetResult.notApplicable(target.name()));
                continue;
            }
            Optional<PurgeScope> work = Scopes.work(target, now);
            plan.add(TargetResult.planned(target.name(), work.map(target::plan).orElse(0L))
                    .withItems(work.map(target::planItems).orElse(List.of())));
        }
        PurgeRequest planned = request.planned(plan, clock.instant());
        transition(planned, request.status());
        return planned;
    }

    /** Four-eyes: another admin approves, unless single-admin mode or a log purge that needs no approval. */
    public PurgeRequest approve(String id, String approver) {
        PurgeRequest request = expect(get(id), PurgeStatus.PLANNED);
        if (approver.equals(request.requestedBy()) && !settings.singleAdmin()) {
            throw new ConflictException("a purge must be approved by someone other than its requester ("
                    + request.requestedBy() + "); single-admin installs can allow it in the settings");
        }
        PurgeRequest approved = request.approved(approver, clock.instant());
        transition(approved, PurgeStatus.PLANNED);
        return approved;
    }

    public PurgeRequest cancel(String id) {
        PurgeRequest request = get(id);
        if (!request.status().cancellable()) {
            throw new ConflictException("a " + request.status().label() + " purge can no longer be cancelled");
        }
        // Never to run: its values (a where filter, a value: a person a "forget me" form named) go too, keyed hashes kept;
        // a compaction then takes the earlier copies from the file (the daily one, if a purge is running now).
        PurgeRequest cancelled = forgotten(request).with(PurgeStatus.CANCELLED);
        transition(cancelled, request.status());
        if (!busy()) { // the copies of its values in the request's earlier states: out of the file's free pages now
            database.compact();
        }
        return cancelled;
    }

    /** Whether this request may run without a separate approval. */
    public boolean needsApproval(PurgeRequest request) {
        return !request.isLogPurge() || settings.logPurgeApproval();
    }

    /** Starts the run in the background; follow it with {@link #get}. */
    public PurgeRequest run(String id) {
        PurgeRequest request = get(id);
        PurgeStatus stored = request.status();
        if (stored == PurgeStatus.PLANNED && !needsApproval(request)) {
            request = request.approved(null, clock.instant()); // nobody approved it: none was needed (not the requester's own)
        }
        PurgeRequest approved = expect(request, PurgeStatus.APPROVED);
        PurgeRequest started = approved.withScope(Scopes.marked(resolver.apply(approved.scope()))).started(clock.instant());
        transition(started, stored); // a second "run" meanwhile finds it running: 409, not a second run
        completeInBackground(started.id());
        return started;
    }

    /** Whether a request is running or verifying (in any process sharing the database). */
    public boolean busy() {
        return !store.unfinished().isEmpty();
    }

    /**
     * Resumes the requests a crash interrupted, then keeps the leases of this process's runs and, every minute,
     * takes over runs whose process stopped without finishing them (when several processes share the database).
     */
    public void start() {
        ledger.repairMirror();
        store.unfinished().forEach(r -> log.atInfo().addKeyValue("purge", r.id()).addKeyValue("status", r.status().label())
                .log("purge found unfinished at start: resumed unless another process runs it"));
        resumeInterrupted();
        long renew = RunLeases.TTL.toSeconds() / 4;
        ticker.scheduleAtFixedRate(() -> safely("renew", () -> leases.renew()), renew, renew, TimeUnit.SECONDS);
        ticker.scheduleAtFixedRate(() -> safely("resume", this::resumeInterrupted), 1, 1, TimeUnit.MINUTES);
    }

    private static void safely(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.atError().addKeyValue("error", e.getClass().getName()).log("purge lease " + what + " failed");
        }
    }

    /** Resumes requests found running or verifying that no process holds (see {@link RunLeases}); how many it found. */
    public int resumeInterrupted() {
        List<PurgeRequest> unfinished = store.unfinished();
        unfinished.forEach(r -> completeInBackground(r.id()));
        return unfinished.size();
    }

    /**
     * {@link #complete} on a thread of its own. A failure outside the targets (the database unreachable while the
     * request's state is written) leaves the request running for the next resume a minute later, and is logged by
     * its class only: a message may quote the values being purged (an uncaught one would go to the console whole).
     */
    private void completeInBackground(String id) {
        runner.execute(() -> {
            try {
                complete(id);
            } catch (RuntimeException e) {
                log.atError().addKeyValue("purge", id).addKeyValue("error", e.getClass().getName())
                        .log("purge run stopped; it resumes within a minute");
            }
        });
    }

    /**
     * Runs, verifies and closes one request on the calling thread; safe to call again after a crash. Does nothing
     * while another run of it holds its lease, and stops before the next step once this one lost it.
     */
    public PurgeRequest complete(String id) {
        RunLeases lease = leases;
        if (!lease.claim(id)) {
            return get(id);
        }
        try {
            return completeHolding(id, lease);
        } finally {
            lease.release(id);
        }
    }

    private PurgeRequest completeHolding(String id, RunLeases lease) {
        PurgeRequest request = get(id);
        if (request.status() == PurgeStatus.RUNNING) {
            for (PurgeTarget target : targets.all()) {
                TargetResult result = result(request, target.name());
                if (result == null || !result.applicable() || "done".equals(result.status())) {
                    continue;
                }
                if (!lease.holds(id)) {
                    return lost(id);
                }
                request = update(request, result.withStatus("running"));
                try {
                    PurgeCounts counts = Scopes.work(target, request.scope()).map(target::execute).orElse(PurgeCounts.NONE);
                    request = update(request, result.done(counts.changed(), counts.removed()));
                } catch (RuntimeException e) {
                    // no message or cause in the log: they may quote the values being purged
                    log.atError().addKeyValue("purge", id).addKeyValue("target", target.name())
                            .addKeyValue("error", e.getClass().getName()).log("purge target failed");
                    // the class only: a message may quote the values being purged, and this reaches the receipt
                    request = update(request, result.failed(e.getClass().getSimpleName()));
                }
            }
            request = request.with(PurgeStatus.VERIFYING);
            store.save(request);
        }
        if (request.status() == PurgeStatus.VERIFYING) {
            if (!lease.holds(id)) {
                return lost(id);
            }
            request = verifyAndClose(request);
        }
        return request;
    }

    /** Another process took the run over while this one stalled past its lease: it carries on, this one stops. */
    private PurgeRequest lost(String id) {
        log.atWarn().addKeyValue("purge", id).log("purge run lease lost to another process; stopping here");
        return get(id);
    }

    private PurgeRequest verifyAndClose(PurgeRequest request) {
        if (!request.scopeForgotten()) {
            for (PurgeTarget target : targets.all()) {
                TargetResult result = result(request, target.name());
                if (result == null || !result.applicable()) {
                    continue;
                }
                try {
                    request = update(request, result.verified(Scopes.work(target, request.scope()).map(target::verify).orElse(0L)));
                } catch (RuntimeException e) {
                    request = update(request, result.failed("verification: " + e.getClass().getSimpleName()));
                }
            }
            // From here on the values are no longer needed: keep only their keyed hashes, then
            // compact so the copies in earlier states of this request are physically gone too.
            request = forgotten(request);
            store.save(request);
        }
        boolean clean = request.targets().stream().filter(TargetResult::applicable)
                .allMatch(t -> !"failed".equals(t.status()) && t.remaining() != null && t.remaining() == 0);
        long reclaimed = database.compact().bytesReclaimed();
        PurgeStatus end = clean ? PurgeStatus.COMPLETED : PurgeStatus.FAILED;
        PurgeRequest closing = request.finished(end, clock.instant(), reclaimed, null);
        String receiptHash = ledger.appendOnce(closing.id(), Receipts.of(closing, exports, hmac));
        PurgeRequest closed = request.finished(end, closing.finishedAt(), reclaimed, receiptHash);
        store.save(closed);
        log.atInfo().addKeyValue("purge", closed.id()).addKeyValue("status", end.label()).log("purge finished");
        return closed;
    }

    /**
     * Shows, in a finished request's description or a receipt's, the names of the designs that still exist in place
     * of their keyed hashes ({@link HashedNames}); read once per call.
     */
    public UnaryOperator<String> revealer() {
        return HashedNames.revealer(database, hmac);
    }

    /**
     * The request keeping only keyed hashes of its values and of the names of designs (see {@link HashedNames}), and no
     * longer the names its plan listed for review.
     */
    private PurgeRequest forgotten(PurgeRequest request) {
        PurgeScope hashed = Scopes.forget(request.scope(), hmac);
        return request.forgotten(hashed, Scopes.describe(hashed))
                .withTargets(request.targets().stream().map(t -> t.withItems(List.of())).toList());
    }

    private PurgeRequest update(PurgeRequest request, TargetResult next) {
        List<TargetResult> results = new ArrayList<>();
        request.targets().forEach(r -> results.add(r.target().equals(next.target()) ? next : r));
        PurgeRequest updated = request.withTargets(results);
        store.save(updated);
        return updated;
    }

    private static TargetResult result(PurgeRequest request, String target) {
        return request.targets().stream().filter(r -> r.target().equals(target)).findFirst().orElse(null);
    }

    /** Stores {@code next} if the request is still {@code from}; else 409: another step came first. */
    private void transition(PurgeRequest next, PurgeStatus from) {
        if (!store.transition(next, from)) {
            PurgeStatus now = get(next.id()).status();
            throw new ConflictException("the purge changed meanwhile: it is " + now.label() + " now",
                    Map.of("purgeStatus", now.label()));
        }
    }

    private static PurgeRequest expect(PurgeRequest request, PurgeStatus... allowed) {
        for (PurgeStatus status : allowed) {
            if (request.status() == status) {
                return request;
            }
        }
        throw new ConflictException("the purge is " + request.status().label() + "; this step needs it "
                + String.join(" or ", Arrays.stream(allowed).map(PurgeStatus::label).toList()),
                Map.of("purgeStatus", request.status().label()));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        planner.shutdown();
        runner.shutdown();
    }
}
