package io.lethe.engine.transfer;

import java.time.Instant;
import java.util.List;

/**
 * A copy of designs that left the platform: who exported what, when, and the SHA-256 of the bundle.
 * Purges cannot reach such copies; their receipts list the exports that may hold the purged data.
 */
public record ExportEntry(String id, String exportedBy, Instant exportedAt, List<String> models,
        List<String> sequences, List<String> connectors, String sha256, long bytes) {
}
