package io.lethe.engine.script;

import java.time.Duration;
import java.util.Map;

/**
 * Run by {@link ScriptHeapExhaustionTest} in a JVM of its own with a small heap: one script allocates more
 * than the heap in one go, a second runs after it. Prints each outcome on a line.
 */
public final class HeapExhaustionProbe {

    private HeapExhaustionProbe() {
    }

    public static void main(String[] args) {
        Duration limit = Duration.ofSeconds(20);
        try (ScriptEngine engine = new ScriptEngine(new ScriptSettings(1, limit, limit, 50_000_000L, 1024L * 1024 * 1024))) {
            System.out.println(engine.compile("return new Uint8Array(2 ** 30).length;").run(Map.of(), null, null, limit));
            System.out.println(engine.compile("return 6 * 7;").run(Map.of(), null, null, limit));
        }
    }
}
