import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.engine.json.RawJson;
import io.lethe.engine.script.CompiledScript;
import io.lethe.engine.script.ScriptEngine;
import io.lethe.engine.script.ScriptOutcome;
import io.lethe.engine.script.ScriptSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes allocated and time per run of the enrich script on one thread, without HTTP: the request body read as a hook
 * reads it, then the script block's run. Exact where wrk's figures move with the machine, and what sets how often the
 * young collections pause. Run: {@code LETHE_MAIN=bench/ScriptAlloc.java ./lethe [rounds=16]} (GraalJS in JIT mode).
 */
public class ScriptAlloc {

    public static void main(String[] args) throws Exception {
        Path bench = Path.of("bench");
        String source = new ObjectMapper().readTree(bench.resolve("enrich-sequence.json").toFile())
                .at("/blocks/0/config/source").asText();
        String shared = System.getenv().getOrDefault("LETHE_SHARED_BENCH", "../shared/bench");
        byte[] body = Files.readAllBytes(Path.of(shared, "enrich-body.json"));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int runs = 100_000;
        try (ScriptEngine engine = new ScriptEngine(ScriptSettings.defaults()); CompiledScript script = engine.compile(source)) {
            System.out.println("script engine: " + engine.implementationName());
            long input = 0;
            long run = 0;
            double micros = 0;
            for (int round = 0; round < rounds; round++) {
                input = 0;
                run = 0;
                long start = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    Map<String, Object> request = new LinkedHashMap<>();
                    request.put("method", "POST");
                    request.put("path", "/enrich");
                    request.put("body", RawJson.checked(body));
                    Map<String, Object> context = Map.of("execution", "01a22306-0a82-7e48-9f2b-e9897d98103a");
                    long read = threads.getCurrentThreadAllocatedBytes();
                    ScriptOutcome outcome = script.runRaw(request, Map.of(), context, Duration.ofSeconds(5));
                    run += threads.getCurrentThreadAllocatedBytes() - read;
                    input += read - before;
                    if (!(outcome instanceof ScriptOutcome.Returned)) {
                        throw new IllegalStateException(String.valueOf(outcome));
                    }
                }
                micros = (System.nanoTime() - start) / 1e3 / runs;
                System.out.printf("round %d: %d B per run (body read %d, script run %d), %.2f µs%n", round, (input + run) / runs,
                        input / runs, run / runs, micros);
            }
            System.out.printf("script alloc bytes %d%n", (input + run) / runs);
        }
    }
}
