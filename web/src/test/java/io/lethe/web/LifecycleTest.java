package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.testkit.RawBytes;
import io.lethe.web.testkit.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEverythingAcrossARestart() {
        try (TestServer server = TestServer.start(dir)) {
            server.post("/api/users", server.adminToken(), new JsonObject()
                    .put("username", "kept").put("password", "a-long-enough-password").put("roles", new JsonArray().add("support")));

            server.restart();

            String token = server.login("kept", "a-long-enough-password");
            assertThat(server.get("/api/auth/me", token).json().getJsonArray("roles")).containsExactly("support");
        }
    }

    @Test
    void shouldPrintAGeneratedAdminPasswordOnceAndNeverLogIt() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LetheConfig config = LetheConfig.of("127.0.0.1", 0, dir, Optional.empty(), Optional.empty(), true);
        String password;
        try (Lethe lethe = Lethe.start(config, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            Matcher printed = Pattern.compile("password: (\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).isTrue();
            password = printed.group(1);
        }
        console.reset();
        try (Lethe again = Lethe.start(config, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("password");
        }
        try (TestServer server = TestServer.startWithFileLogs(dir)) {
            assertThat(server.login("admin", password)).isNotBlank();
        }

        assertThat(RawBytes.filesContaining(dir.resolve("logs"), password)).isEmpty();
    }

    @Test
    void shouldKeepTheOneShowingOfTheAdminPasswordForAStartThatListens() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LetheConfig busy = LetheConfig.of("127.0.0.1", taken.getLocalPort(), dir, Optional.empty(), Optional.empty(), false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lethe.start(busy, new PrintStream(console, true, StandardCharsets.UTF_8)))
                    .hasMessageContaining("cannot listen");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("password");

        LetheConfig free = LetheConfig.of("127.0.0.1", 0, dir, Optional.empty(), Optional.empty(), false);
        try (Lethe lethe = Lethe.start(free, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("Created user 'admin' with password: ");
        }
    }

    @Test
    void shouldWriteJsonLogLinesWithTheRequestsCorrelationId() throws IOException {
        String correlationId;
        try (TestServer server = TestServer.startWithFileLogs(dir)) {
            correlationId = server.get("/api/auth/me", null).header("X-Correlation-Id");
            server.login("admin", TestServer.ADMIN_PASSWORD);
        }

        String logs;
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            logs = files.map(LifecycleTest::read).reduce("", String::concat);
        }
        JsonObject refused = logs.lines().map(JsonObject::new)
                .filter(line -> correlationId.equals(line.getString("correlationId")))
                .findFirst().orElseThrow();
        assertThat(refused.getString("level")).isEqualTo("WARN");
        assertThat(refused.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(refused.getString("logger")).isNotBlank();
        assertThat(refused.getInteger("status")).isEqualTo(401);
        assertThat(logs).doesNotContain(TestServer.ADMIN_PASSWORD);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
