package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.web.testkit.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldPurgeLogLinesOfAStoppedNodeFromTheCommandLine() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("lethe-2026-11-24T14.jsonl"),
                "{\"timestamp\":\"2026-11-24T14:04:00.000Z\",\"level\":\"INFO\",\"message\":\"kept\"}\n"
                        + "{\"timestamp\":\"2026-11-24T14:05:01.000Z\",\"level\":\"ERROR\",\"message\":\"mail ada@example.org failed\"}\n");
        CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));

        int exit = cli.execute("logs", "--data", dir.toString(), "purge", "--around", "2026-11-24T14:05:00Z", "--window", "10m",
                "--match", "ada@example.org");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(logs.resolve("lethe-2026-11-24T14.jsonl"))).contains("kept").doesNotContain("ada@example.org");
        assertThat(out.toString()).doesNotContain("ada@example.org");
    }

    @Test
    void shouldDriveThePurgeLifecycleOfARunningServer() {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.post("/api/users", server.adminToken(), new JsonObject().put("username", "bob")
                    .put("password", "a-long-enough-password").put("roles", new JsonArray().add("admin")));
            String url = "http://127.0.0.1:" + server.lethe().port();

            JsonObject created = purge(url, Map.of("LETHE_USER", "admin", "LETHE_PASSWORD", TestServer.ADMIN_PASSWORD),
                    "create", "{\"type\":\"value\",\"value\":\"nobody@example.org\"}");
            String id = created.getString("id");
            assertThat(purge(url, Map.of("LETHE_USER", "admin", "LETHE_PASSWORD", TestServer.ADMIN_PASSWORD), "plan", id)
                    .getString("status")).isEqualTo("planned");
            assertThat(purge(url, Map.of("LETHE_USER", "bob", "LETHE_PASSWORD", "a-long-enough-password"), "approve", id)
                    .getString("status")).isEqualTo("approved");
        }
    }

    @Test
    void shouldRefuseToRunWithoutCredentials() {
        CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        ((PurgeCommand) cli.getSubcommands().get("purge").getCommand()).env = name -> null;

        assertThat(cli.execute("purge", "list")).isEqualTo(2);
        assertThat(err.toString()).contains("LETHE_USER");
    }

    private JsonObject purge(String url, Map<String, String> env, String... args) {
        StringWriter answer = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(answer, true), new PrintWriter(err, true));
        ((PurgeCommand) cli.getSubcommands().get("purge").getCommand()).env = env::get;
        String[] all = new String[args.length + 3];
        all[0] = "purge";
        all[1] = "--url";
        all[2] = url;
        System.arraycopy(args, 0, all, 3, args.length);
        assertThat(cli.execute(all)).as(err.toString()).isZero();
        return new JsonObject(answer.toString());
    }
}
