package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A single allocation larger than the whole heap fails before the run's memory limit can see it (that one is
 * checked every tick): the run must fail saying so, not as the statement limit, and the engine go on.
 */
class ScriptHeapExhaustionTest {

    @Test
    void shouldSayTheHeapRanOutAndRunTheNextScript() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), HeapExhaustionProbe.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(probe.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out.lines().toList().get(0))
                .contains("script ran out of memory: the server's heap could not hold what it allocated")
                .doesNotContain("statements");
        assertThat(out.lines().toList().get(1)).contains("Returned").contains("42");
    }
}
