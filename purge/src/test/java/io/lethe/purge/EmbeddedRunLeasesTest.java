package io.lethe.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRunLeasesTest extends RunLeasesContract {

    @TempDir
    Path dir;

    @Override
    protected Database open() {
        return Database.open(DatabaseOptions.embedded(dir));
    }

    @Test
    void shouldTakeOverALeaseLeftByAnEarlierStartAtOnce() {
        first.claim("p1"); // the process died without releasing it

        RunLeases restarted = RunLeases.of(database, clock);

        assertThat(restarted.claim("p1")).as("only one process can open the embedded data").isTrue();
        assertThat(restarted.holds("p1")).isTrue();
    }
}
