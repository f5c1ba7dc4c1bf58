package io.lethe.engine.backup;

import io.lethe.engine.job.Retention;
import java.nio.file.Path;
import java.time.LocalTime;

/**
 * @param directory where archives live (default {@code <data>/backups})
 * @param keep      how many archives the scheduled backup keeps (the oldest beyond are removed)
 * @param dailyAt   the UTC time of day the scheduled backup runs
 */
public record BackupSettings(Path directory, int keep, LocalTime dailyAt) {

    public static final int DEFAULT_KEEP = Retention.DEFAULTS.backups();

    public BackupSettings {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one backup, not " + keep);
        }
    }

    public static BackupSettings under(Path dataDir) {
        return new BackupSettings(dataDir.resolve("backups"), DEFAULT_KEEP, LocalTime.of(2, 0));
    }
}
