package io.lethe.engine.backup;

import io.lethe.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of one archive: what it holds and how to check it. {@code generation} counts
 * rewrites by purges; part files carry it in their names, so a rewrite writes new files beside the old
 * ones and switches to them by replacing this manifest in one atomic rename.
 *
 * @param excluded collections deliberately left out (the purge ledger and purge requests, see {@link Backups})
 */
public record BackupManifest(String id, Instant createdAt, String letheVersion, String source, int generation,
        Instant rewrittenAt, List<Part> parts, List<String> excluded) {

    public static final String FILE = "manifest.json";

    public BackupManifest {
        parts = List.copyOf(parts);
        excluded = List.copyOf(excluded);
    }

    /**
     * One collection: its file, document count, size and SHA-256 of the file's bytes, and its
     * indexes (as Extended JSON index specifications) so a restore rebuilds them.
     */
    public record Part(String collection, String file, long documents, long bytes, String sha256, List<String> indexes) {
        public Part {
            indexes = indexes == null ? List.of() : List.copyOf(indexes);
        }
    }

    public long documents() {
        return parts.stream().mapToLong(Part::documents).sum();
    }

    BackupManifest rewritten(List<Part> next, Instant at) {
        return new BackupManifest(id, createdAt, letheVersion, source, generation + 1, at, next, excluded);
    }

    byte[] toBytes() {
        return Json.write(Json.toPlain(this)).getBytes(StandardCharsets.UTF_8);
    }

    static BackupManifest read(Path archive) {
        try {
            Object plain = Json.read(Files.readString(archive.resolve(FILE)));
            return Json.convert(plain instanceof Map<?, ?> ? plain : Map.of(), BackupManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + archive.getFileName(), e);
        }
    }
}
