package io.lethe.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A directory of data only Lethe's own account may open (the database, logs, backups), whatever the umask. */
public final class PrivateDirectory {

    private PrivateDirectory() {
    }

    /** Creates the directory if needed and makes it owner-only (rwx------) where the file system has POSIX permissions. */
    public static void create(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
