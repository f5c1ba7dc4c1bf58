package io.lethe.web.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import io.lethe.web.MainAccess;
import io.lethe.web.StartupException;
import io.lethe.web.testkit.TestServer;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore stopped before it replayed the purge ledger leaves data purges removed: the server must not serve it. */
class UnfinishedRestoreTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseToServeADatabaseWhoseRestoreDidNotFinishUntilItIsRunAgain() {
        TestServer server = TestServer.start(dir);
        String backup = server.send("POST", "/api/backups", server.adminToken(), null).json().getString("id");

        // a restore of it killed after it replaced the collections, before the replay (as the database then holds it)
        assertThatThrownBy(() -> server.restart(() -> {
            try (Database db = Database.open(DatabaseOptions.embedded(dir.resolve("db")))) {
                db.collection("restore_in_progress").insertOne(new Document("_id", "restore").append("backup", backup)
                        .append("startedAt", new Date()));
            }
        })).isInstanceOf(StartupException.class).hasMessageContaining("a restore of backup " + backup + " did not finish")
                .hasMessageContaining("lethe backup restore " + backup);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MainAccess.run(out, err, "backup", "restore", backup, "--data", dir.toString());
        TestServer again = TestServer.start(dir);
        try {
            assertThat(code).as(err.toString()).isZero();
            assertThat(again.get("/health", null).status()).isEqualTo(200);
        } finally {
            again.close();
        }
    }
}
