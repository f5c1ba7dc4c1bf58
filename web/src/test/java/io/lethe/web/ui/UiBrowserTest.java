package io.lethe.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lethe.web.testkit.TestServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser suite ({@code web/ui/e2e/run.mjs}): Playwright drives Debian's Chromium against a real
 * Lethe on a random port over a temporary database. Skipped only when {@code /usr/bin/chromium} is
 * absent (or when the UI build itself is skipped with {@code -Dlethe.ui.skip}). Screenshots go to {@code target/ui-screenshots}, or to {@code -Dlethe.ui.screenshots=<dir>}
 * (the README's pictures come from {@code -Dlethe.ui.screenshots=$PWD/docs}).
 */
class UiBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("lethe.chromium", "/usr/bin/chromium"));
    private static final Path UI = Path.of("ui").toAbsolutePath();

    @Test
    void shouldPassTheBrowserSuite(@TempDir Path data) throws IOException, InterruptedException {
        assumeFalse(Boolean.getBoolean("lethe.ui.skip"), "browser tests skipped: the UI build was skipped (-Dlethe.ui.skip)");
        assumeTrue(Files.isExecutable(CHROMIUM), "browser tests skipped: " + CHROMIUM + " is missing (apt-get install -y chromium)");
        assertThat(getClass().getClassLoader().getResource("webroot/index.html"))
                .as("the web UI is built into the classes (generate-resources)").isNotNull();
        assertThat(UI.resolve("node_modules/playwright-core")).as("npm ci ran in web/ui").exists();
        Path screenshots = Path.of(System.getProperty("lethe.ui.screenshots", "target/ui-screenshots")).toAbsolutePath();
        Path log = Path.of("target/ui-browser-test.log").toAbsolutePath();

        // File logs: the suite's support log purge needs JSON log lines to preview and purge.
        try (TestServer server = TestServer.startWithFileLogs(data)) {
            ProcessBuilder node = new ProcessBuilder("node", "e2e/run.mjs")
                    .directory(UI.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            node.environment().put("LETHE_URL", "http://127.0.0.1:" + server.lethe().port());
            node.environment().put("LETHE_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
            node.environment().put("SCREENSHOT_DIR", screenshots.toString());
            node.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
            Process process = node.start();
            boolean finished = process.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(finished).as("browser suite finished within 180 s:%n%s", output).isTrue();
            assertThat(process.exitValue()).as("browser suite (screenshots in %s%s):%n%s", screenshots, File.separator, output)
                    .isZero();
            assertThat(output).contains("ok   admin creates a user", "ok   support purges log lines");
        }
    }
}
