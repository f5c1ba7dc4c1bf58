package io.lethe.engine.log;

import static io.lethe.engine.log.LogFiles.line;
import static io.lethe.engine.log.LogFiles.lines;
import static io.lethe.engine.log.LogFiles.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPurgeCliTest {

    private static final String VALUE = "erin@example.net";

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path segment;

    @BeforeEach
    void logs() throws Exception {
        Files.createDirectories(data.resolve("logs"));
        segment = segment(data.resolve("logs"), "2026-11-25T14:00:00Z", true,
                List.of(line("2026-11-25T14:05:00Z", "mail to " + VALUE), line("2026-11-25T14:06:00Z", "other")));
    }

    private int run(String... args) {
        return new LogPurgeCli().run(args, new PrintWriter(out), new PrintWriter(err), data);
    }

    @Test
    void shouldPreviewWithMaskedSamplesAndChangeNothing() {
        // when
        int code = run("purge", "--around", "2026-11-25T14:05:00Z", "--window", "10m", "--match", VALUE, "--dry-run");

        // then
        assertThat(code).isZero();
        assertThat(out.toString()).contains("dry run: 1 lines would go; 0 segments deleted, 1 rewritten")
                .contains("INFO io.lethe.test mail to ***").doesNotContain(VALUE);
        assertThat(lines(segment)).hasSize(2);
    }

    @Test
    void shouldPurgeAndVerify() {
        // when
        int code = run("purge", "--from=2026-11-25T14:00:00Z", "--to", "2026-11-25T15:00:00Z", "--match", VALUE);

        // then
        assertThat(code).isZero();
        assertThat(out.toString()).contains("purged: 1 lines").contains("verify: 0 lines left").doesNotContain(VALUE);
        assertThat(lines(segment)).containsExactly(line("2026-11-25T14:06:00Z", "other"));
    }

    @Test
    void shouldExitWithTwoAndOneLineForUsageAndInvalidInput() {
        // when
        int unknown = run("purge", "--from", "2026-11-25T14:00:00Z", "--bogus");
        int badFrom = run("purge", "--from", "noon", "--to", "2026-11-25T15:00:00Z");
        int noCommand = run();

        // then
        assertThat(List.of(unknown, badFrom, noCommand)).containsOnly(2);
        assertThat(err.toString()).contains("logs: unknown option --bogus")
                .contains("logs purge: --from: not an ISO-8601 instant").contains("logs: missing command");
        assertThat(lines(segment)).hasSize(2);
    }
}
