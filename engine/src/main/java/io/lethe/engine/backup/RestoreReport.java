package io.lethe.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a restore did: documents per restored collection, collections dropped because the archive did
 * not have them, server keys kept from the live database, and the purges replayed from the ledger
 * (one line each, never a value).
 */
public record RestoreReport(String id, Instant backupCreatedAt, Map<String, Long> restored, List<String> dropped,
        List<String> keptLiveKeys, List<String> replayed) {
}
