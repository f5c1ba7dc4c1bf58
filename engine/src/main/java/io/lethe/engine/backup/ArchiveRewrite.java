package io.lethe.engine.backup;

import io.lethe.engine.retention.PurgeCounts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * One archive rewritten by an edit: parts the edit changes are written as new files of the next
 * generation, then a new manifest naming them replaces the old one in one atomic rename, then the old
 * part files are wiped. Before the rename the old archive is whole; after it the new one is.
 */
final class ArchiveRewrite {

    private final Path archive;
    private final DocumentEdit edit;
    private final Instant at;

    ArchiveRewrite(Path archive, DocumentEdit edit, Instant at) {
        this.archive = archive;
        this.edit = edit;
        this.at = at;
    }

    PurgeCounts run(Backups.SwitchHook hook) {
        BackupManifest manifest = BackupManifest.read(archive);
        int generation = manifest.generation() + 1;
        List<BackupManifest.Part> next = new ArrayList<>();
        List<Path> replaced = new ArrayList<>();
        long[] counts = {0, 0};
        for (int i = 0; i < manifest.parts().size(); i++) {
            BackupManifest.Part part = manifest.parts().get(i);
            Path old = archive.resolve(part.file());
            if (!touches(part, old)) {
                next.add(part);
                continue;
            }
            String file = Backups.partFile(i, part.collection(), generation);
            Path fresh = archive.resolve(file);
            ArchiveFiles.wipe(fresh); // a stale one from a crashed attempt
            long documents = ArchiveFiles.writePart(fresh, sink -> ArchiveFiles.readPart(old, d -> {
                Document after = edit.apply(part.collection(), d);
                if (after == null) {
                    counts[1]++;
                } else {
                    counts[0] += after == d ? 0 : 1;
                    sink.accept(after);
                }
            }));
            next.add(new BackupManifest.Part(part.collection(), file, documents, ArchiveFiles.size(fresh),
                    ArchiveFiles.sha256(fresh), part.indexes()));
            replaced.add(old);
        }
        if (replaced.isEmpty()) {
            return PurgeCounts.NONE;
        }
        ArchiveFiles.writeAtomically(archive.resolve(BackupManifest.FILE), manifest.rewritten(next, at).toBytes(),
                () -> hook.beforeSwitch(archive));
        replaced.forEach(ArchiveFiles::wipe);
        return new PurgeCounts(counts[0], counts[1]);
    }

    private boolean touches(BackupManifest.Part part, Path file) {
        boolean[] touched = {false};
        ArchiveFiles.readPart(file, d -> touched[0] |= edit.apply(part.collection(), d) != d);
        return touched[0];
    }
}
