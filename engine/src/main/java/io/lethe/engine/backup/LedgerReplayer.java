package io.lethe.engine.backup;

import io.lethe.engine.store.Database;
import java.time.Instant;
import java.util.List;

/**
 * Executes again, on a freshly restored database, every purge that finished after the backup was
 * taken, so a restore never resurrects forgotten data. Implemented by the purge subsystem (which
 * owns the ledger); the engine only calls it before anything serves the restored data.
 */
@FunctionalInterface
public interface LedgerReplayer {

    /** A replayer for installs without a purge ledger (tests, tools). */
    LedgerReplayer NONE = (after, target) -> List.of();

    /** Replays the purges finished after {@code backupCreatedAt} on {@code target}; returns one line per purge. */
    List<String> replayAfter(Instant backupCreatedAt, Database target);
}
