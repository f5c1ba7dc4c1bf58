package io.lethe.debugger.bench;

import io.lethe.debugger.Debugger;
import io.lethe.debugger.DebuggerSettings;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of one HTTP-triggered sequence (script, for-each over 3 items, respond) with debugging
 * off and on, run the way the {@code /hooks} route runs it ({@code engine.run} with an HTTP trigger)
 * from concurrent virtual-thread callers. A benchmark, not a test: it prints its figures.
 * Run: see debugger/README.md.
 */
public final class TracingBenchmark {

    private TracingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int callers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = Files.createTempDirectory("lethe-bench");
        try (EngineFixture lethe = new EngineFixture(dir);
                Debugger debugger = new Debugger(lethe.engine, lethe.database, Clock.systemUTC(), DebuggerSettings.defaults())) {
            lethe.engine.runner().addListener(debugger.recorder());
            String seq = lethe.sequence(List.of(
                    BlockDefinition.of("prepare", "script", Map.of("source",
                            "return {email: input.email, items: [1, 2, 3], total: input.amount * 3};")).then("each"),
                    BlockDefinition.of("each", "for-each", Map.of("items", "{{steps.prepare.output.items}}", "body", "line")).then("answer"),
                    BlockDefinition.of("line", "script", Map.of("source", "return {n: context.item, email: input.email};")),
                    BlockDefinition.of("answer", "respond", Map.of("status", 200, "body", "{{steps.each.output}}"))));
            measure(lethe, seq, runs / 2, callers); // warm-up
            double off1 = measure(lethe, seq, runs, callers);
            debugger.windows().open(seq, "bench", Duration.ofHours(1), false);
            double on1 = measure(lethe, seq, runs, callers);
            debugger.windows().close(seq, "bench");
            double off2 = measure(lethe, seq, runs, callers);
            debugger.windows().open(seq, "bench", Duration.ofHours(1), false);
            double on2 = measure(lethe, seq, runs, callers);
            debugger.writer().flush(Duration.ofSeconds(60));
            double off = (off1 + off2) / 2;
            double on = (on1 + on2) / 2;
            System.out.printf("runs/s off: %.0f  on: %.0f  ratio on/off: %.0f %%  traces written: %d  dropped: %d%n",
                    off, on, 100 * on / off, debugger.writer().written(), debugger.writer().dropped());
        }
    }

    private static double measure(EngineFixture lethe, String seq, int runs, int callers) throws Exception {
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers, Thread.ofVirtual().factory())) {
            List<Future<?>> all = new ArrayList<>(runs);
            for (int i = 0; i < runs; i++) {
                int n = i;
                all.add(pool.submit(() -> lethe.engine.run(seq, TriggerInfo.http("POST", "/hooks/bench"),
                        Map.of("email", "user" + n + "@example.org", "amount", n))));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        return runs / ((System.nanoTime() - started) / 1e9);
    }
}
