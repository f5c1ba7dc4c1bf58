package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptMemoryLimitTest {

    private static final long MB = 1024 * 1024;
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void shouldStopARunAllocatingPastItsLimitLongBeforeItsTimeLimitAndSaySo() {
        try (ScriptEngine engine = new ScriptEngine(new ScriptSettings(2, TEN_SECONDS, TEN_SECONDS, 50_000_000L, 32 * MB))) {
            // Little stays live (at most 17 MB), but the run allocates without end: typed arrays fill the heap fastest.
            var hog = engine.compile("let a = []; for (;;) { a.push(new Uint8Array(1 << 20)); if (a.length > 16) { a = []; } }");
            var modest = engine.compile("let n = 0; for (let i = 0; i < 8; i++) { n += new Uint8Array(1 << 20).length; } return n;");

            ScriptOutcome stopped = hog.run(Map.of(), null, null, TEN_SECONDS);
            ScriptOutcome within = modest.run(Map.of(), null, null, TEN_SECONDS);
            ScriptOutcome again = hog.run(Map.of(), null, null, TEN_SECONDS);

            assertThat(stopped).isInstanceOfSatisfying(ScriptOutcome.Failed.class,
                    f -> assertThat(f.message()).isEqualTo("script allocated more than 32 MB"));
            assertThat(within).isInstanceOfSatisfying(ScriptOutcome.Returned.class, r -> assertThat(r.value()).isEqualTo(8 * (int) MB));
            assertThat(again).as("a fresh context for the next run, stopped the same way")
                    .isInstanceOfSatisfying(ScriptOutcome.Failed.class, f -> assertThat(f.message()).contains("allocated more than"));
        }
    }

    @Test
    void shouldGiveEachRunAShareOfHalfTheHeap() {
        assertThat(ScriptSettings.memoryLimit(6144 * MB, 4)).isEqualTo(768 * MB);
        assertThat(ScriptSettings.memoryLimit(256 * MB, 4)).as("never below 64 MB").isEqualTo(64 * MB);
        assertThat(ScriptSettings.defaults().memoryLimit())
                .isEqualTo(ScriptSettings.memoryLimit(Runtime.getRuntime().maxMemory(), ScriptSettings.defaults().threads()));
    }
}
