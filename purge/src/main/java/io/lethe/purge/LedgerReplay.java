package io.lethe.purge;

import io.lethe.engine.backup.LedgerReplayer;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.json.Json;
import io.lethe.engine.retention.HashedValueScan;
import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.secret.ServerSecrets;
import io.lethe.engine.store.Database;
import io.lethe.purge.ledger.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays the purge ledger of a restored database: every receipt of a purge that finished after the
 * backup was taken is executed again from its {@code replay} section (see {@link Receipts#replay}) —
 * subjects by their resolved ids through the database's purge targets, versions and traces by their
 * parameters, values by their keyed hash ({@link HashedValueScan}: exact values only; in-text occurrences
 * inside archives were already removed by rewriting the archives when the purge ran). The ledger lives in
 * the live database, outside every archive, so it is still there after the restore.
 */
public final class LedgerReplay implements LedgerReplayer {

    /** The stores of the restored database, opened only after its data is back (so no cache is stale). */
    public interface Stores extends AutoCloseable {
        /** The targets of the database's stores (not logs, not backups). */
        List<PurgeTarget> targets();

        /** The keyed hash the purges used. */
        Function<Object, String> hmac();

        @Override
        void close();
    }

    private static final Set<String> UNTOUCHED = Set.of(Ledger.COLLECTION, ServerSecrets.COLLECTION, "purge_requests");

    private static final String GONE = "nothing to replay: what it names is no longer there under that name (renamed or deleted"
            + " by a later purge)";

    private final Function<Database, Stores> open;
    private final Path mirror;

    /** @param mirror the ledger's mirror file (null for none): entries a fresh database lacks are imported first */
    public LedgerReplay(Function<Database, Stores> open, Path mirror) {
        this.open = open;
        this.mirror = mirror;
    }

    @Override
    public List<String> replayAfter(Instant backupCreatedAt, Database target) {
        List<Ledger.Entry> due = new ArrayList<>();
        Ledger ledger = new Ledger(target, Clock.systemUTC(), mirror);
        ledger.importMirror();
        for (Ledger.Entry entry : ledger.entries()) {
            Object finished = entry.receipt().get("finishedAt");
            if (entry.receipt().get("replay") instanceof Map<?, ?> && finished != null && !"null".equals(finished)
                    && Instant.parse(String.valueOf(finished)).isAfter(backupCreatedAt)) {
                due.add(entry);
            }
        }
        List<String> report = new ArrayList<>();
        if (due.isEmpty()) {
            return report;
        }
        try (Stores stores = open.apply(target)) {
            for (Ledger.Entry entry : due) {
                PurgeScope scope = Json.convert(entry.receipt().get("replay"), PurgeScope.class);
                String done;
                try {
                    done = replay(scope, stores, target);
                } catch (NotFoundException e) {
                    // a model renamed since by a value purge (a name held the value): the archives were rewritten
                    // when this purge ran, so what it purged is not in them; the entry stays in the report
                    done = GONE; // not the message: the name may be what that later purge forgot
                }
                report.add("ledger entry " + entry.sequence() + " (purge " + entry.receipt().get("requestId") + ", finished "
                        + entry.receipt().get("finishedAt") + "): " + done);
            }
        }
        return report;
    }

    private static String replay(PurgeScope kept, Stores stores, Database target) {
        PurgeScope scope = HashedNames.resolve(kept, target, stores.hmac()).orElse(null);
        if (scope == null) {
            return GONE;
        }
        if (scope instanceof PurgeScope.Value v) {
            long changed = new HashedValueScan(target, stores.hmac(), UNTOUCHED).redact(Set.copyOf(v.all()));
            return "value (by keyed hash, exact matches) redacted in " + changed + " document(s)";
        }
        if (scope instanceof PurgeScope.Subject s && s.ids().isEmpty() && !s.all()) {
            return "subject of model '" + s.model() + "' selected no instance when it ran; nothing to do";
        }
        // a subject's values forgotten everywhere are keyed hashes now: found again as exact values only
        PurgeScope own = scope instanceof PurgeScope.Subject s ? s.withValues(List.of()) : scope;
        PurgeCounts counts = PurgeCounts.NONE;
        for (PurgeTarget t : stores.targets()) {
            if (t.handles(own)) {
                counts = counts.plus(t.execute(own));
            }
        }
        String done = Scopes.describe(own) + ": changed " + counts.changed() + ", removed " + counts.removed();
        if (scope instanceof PurgeScope.Subject s && !s.values().isEmpty()) {
            done += "; its values (by keyed hash, exact matches) redacted in "
                    + new HashedValueScan(target, stores.hmac(), UNTOUCHED).redact(Set.copyOf(s.values())) + " document(s)";
        }
        return done;
    }
}
