package io.lethe.engine.backup;

import java.util.List;

/** The result of checking an archive's parts against its manifest; {@code problems} name parts, never content. */
public record BackupVerification(String id, boolean intact, int parts, List<String> problems) {
    public BackupVerification {
        problems = List.copyOf(problems);
    }
}
