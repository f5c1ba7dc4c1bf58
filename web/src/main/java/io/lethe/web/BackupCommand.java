package io.lethe.web;

import io.lethe.debugger.Debugger;
import io.lethe.debugger.DebuggerSettings;
import io.lethe.engine.Engine;
import io.lethe.engine.backup.BackupInfo;
import io.lethe.engine.backup.BackupSettings;
import io.lethe.engine.backup.BackupVerification;
import io.lethe.engine.backup.Backups;
import io.lethe.engine.backup.RestoreReport;
import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.job.JobRuns;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.script.ScriptSettings;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import io.lethe.engine.store.DatabaseUnavailableException;
import io.lethe.purge.LedgerReplay;
import io.lethe.web.http.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lethe backup create|list|verify|restore <id>}: backups from the command line. {@code list} and
 * {@code verify} read only the archives; {@code create} and {@code restore} open the database themselves, so
 * they need the server stopped when the database is embedded (a running server holds its file lock; take a
 * backup of a running server with {@code POST /api/backups}). {@code restore} replays the purge ledger of
 * the target database before it returns, so restored data never holds what a later purge forgot.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Create, list, verify and restore backups (restore: server stopped).")
final class BackupCommand {

    /** Where the data and the archives are. */
    static final class Where {
        @Option(names = "--data", defaultValue = "${env:LETHE_DATA:-data}",
                description = "Data directory (LETHE_DATA, default ./${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--mongo-uri", defaultValue = "${env:LETHE_MONGO_URI}",
                description = "A real MongoDB instead of the embedded database (LETHE_MONGO_URI).")
        String mongoUri;

        @Option(names = "--backups", description = "Archive directory (default <data>/backups), e.g. to restore into a fresh --data.")
        Path backups;

        BackupSettings settings() {
            BackupSettings defaults = BackupSettings.under(data.toAbsolutePath().normalize());
            return backups == null ? defaults : new BackupSettings(backups.toAbsolutePath().normalize(), defaults.keep(), defaults.dailyAt());
        }

        Database open() {
            Optional<String> uri = Optional.ofNullable(mongoUri).filter(u -> !u.isBlank());
            DatabaseOptions options = uri.map(DatabaseOptions::external)
                    .orElseGet(() -> DatabaseOptions.embedded(data.toAbsolutePath().normalize().resolve("db")));
            try {
                return Database.open(options);
            } catch (DatabaseUnavailableException e) {
                if (uri.isEmpty() && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("locked")) {
                    throw new StartupException("the data directory " + data + " is in use by a running Lethe: stop it first"
                            + " (or take a backup with POST /api/backups)", e);
                }
                throw e;
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Command(name = "create", description = "Take a backup now.")
    int create(@Mixin Where where) {
        try (Database database = where.open(); Backups backups = backups(database, where)) {
            BackupInfo info = backups.create();
            out().printf("backup %s: %d documents in %d collections, %d bytes, in %s%n", info.id(), info.documents(),
                    info.collections(), info.bytes(), where.settings().directory());
        }
        return 0;
    }

    @Command(name = "list", description = "List the archives, newest first.")
    int list(@Mixin Where where) {
        try (Backups backups = new Backups(null, where.settings(), null, Clock.systemUTC(), Version.current())) {
            for (BackupInfo b : backups.list()) {
                out().printf("%s  taken %s  %d documents  %d bytes%s%n", b.id(), b.createdAt(), b.documents(), b.bytes(),
                        b.generation() > 0 ? "  rewritten by purges " + b.generation() + "x, last " + b.rewrittenAt() : "");
            }
        }
        return 0;
    }

    @Command(name = "verify", description = "Check every part of an archive against its manifest checksums.")
    int verify(@Parameters(paramLabel = "<id>") String id, @Mixin Where where) {
        try (Backups backups = new Backups(null, where.settings(), null, Clock.systemUTC(), Version.current())) {
            BackupVerification v = backups.verify(id);
            out().printf("backup %s: %s (%d parts)%n", id, v.intact() ? "intact" : "DAMAGED", v.parts());
            v.problems().forEach(p -> out().println("  " + p));
            return v.intact() ? 0 : 1;
        } catch (NotFoundException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    @Command(name = "restore", description = "Replace the database by an archive, then replay the purge ledger (server stopped).")
    int restore(@Parameters(paramLabel = "<id>") String id, @Mixin Where where) {
        try (Database database = where.open(); Backups backups = backups(database, where)) {
            RestoreReport report = backups.restore(id, database, new LedgerReplay(BackupCommand::stores, Purges.ledgerMirror(where.data.toAbsolutePath().normalize())));
            out().printf("restored backup %s (taken %s): %d collections, %d documents%n", id, report.backupCreatedAt(),
                    report.restored().size(), report.restored().values().stream().mapToLong(Long::longValue).sum());
            if (!report.dropped().isEmpty()) {
                out().println("dropped collections the backup did not have: " + report.dropped());
            }
            if (!report.keptLiveKeys().isEmpty()) {
                out().println("kept the live server keys: " + report.keptLiveKeys());
            }
            out().println(report.replayed().isEmpty() ? "purge ledger: no purge finished after the backup, nothing to replay"
                    : "purge ledger replayed (" + report.replayed().size() + " purge(s); exact values by keyed hash,"
                            + " in-text occurrences were removed from archives when each purge ran):");
            report.replayed().forEach(line -> out().println("  " + line));
            return 0;
        } catch (NotFoundException | ConflictException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static Backups backups(Database database, Where where) {
        return new Backups(database, where.settings(), new JobRuns(database), Clock.systemUTC(), Version.current());
    }

    /** The restored database's stores, as the server builds them (minus logs and archives, which are not in backups). */
    static LedgerReplay.Stores stores(Database database) {
        Engine engine = new Engine(database, Clock.systemUTC(), ScriptSettings.defaults());
        Debugger debugger = new Debugger(engine, database, Clock.systemUTC(), DebuggerSettings.defaults());
        List<PurgeTarget> targets = new ArrayList<>(engine.purgeTargets());
        targets.addAll(debugger.purgeTargets());
        Function<Object, String> hmac = engine.attributePurge()::hmac;
        return new LedgerReplay.Stores() {
            @Override
            public List<PurgeTarget> targets() {
                return targets;
            }

            @Override
            public Function<Object, String> hmac() {
                return hmac;
            }

            @Override
            public void close() {
                debugger.close();
                engine.close();
            }
        };
    }
}
