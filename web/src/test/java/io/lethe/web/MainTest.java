package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @org.junit.jupiter.api.io.TempDir
    Path temp;

    private Path dataDir() {
        return temp;
    }

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldListTheCommandsInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve").contains("./lethe test");
    }

    @Test
    void shouldGiveHelpForEveryCommand() {
        for (String command : new String[] {"serve", "purge", "logs", "backup"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: lethe " + command);
        }
    }

    @Test
    void shouldRefuseAnUnknownFlagWithOneLineAndExitCode2() {
        assertThat(run("serve", "--prot=80")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("lethe: Unknown option: '--prot").doesNotContain("\n");
    }

    @Test
    void shouldRefuseAPortOutOfRange() {
        assertThat(run("serve", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("lethe: --port must be between 0 and 65535, not 70000 (see ./lethe --help)");
    }

    @Test
    void shouldRefuseARetentionUnderADay() {
        assertThat(run("serve", "--execution-retention-days", "0")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("lethe: --execution-retention-days must be at least 1, not 0 (see ./lethe --help)");
        err.getBuffer().setLength(0);
        assertThat(run("serve", "--log-retention-days", "-1")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("lethe: --log-retention-days must be at least 1, not -1 (see ./lethe --help)");
        err.getBuffer().setLength(0);
        assertThat(run("serve", "--trace-retention-days", "0")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("lethe: --trace-retention-days must be at least 1, not 0 (see ./lethe --help)");
    }

    @Test
    void shouldEndWithOneLineWhenMongoIsUnreachable() {
        assertThat(run("serve", "--port", "0", "--mongo-uri", "mongodb://127.0.0.1:1/lethe",
                "--data", dataDir().toString())).isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("lethe: cannot reach MongoDB at mongodb://127.0.0.1:1/lethe")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void shouldEndWithOneLineWhenThePortIsTaken() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = run("serve", "--port", String.valueOf(socket.getLocalPort()),
                    "--data", Files.createTempDirectory("lethe-port").toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString().strip()).startsWith("lethe: cannot listen on 127.0.0.1:" + socket.getLocalPort())
                    .doesNotContain("\n");
        }
    }
}
