package io.lethe.web;

import io.lethe.engine.execution.ExecutionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Execution timings for {@code /metrics}: {@code lethe_executions_seconds{sequence,status,trigger}}. */
final class ExecutionMetrics implements ExecutionListener {

    private record Key(String sequence, String status, String trigger) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executionFinished(Finished event) {
        Key key = new Key(event.sequence(), event.result().status().label(), event.trigger().type());
        timers.computeIfAbsent(key, k -> Timer.builder("lethe.executions")
                        .description("Sequence runs by sequence, outcome and trigger")
                        .tag("sequence", k.sequence()).tag("status", k.status()).tag("trigger", k.trigger())
                        .register(registry))
                .record(event.duration());
    }

    /**
     * Drops the timers of sequences no longer among {@code existing} (deleted, or renamed by a purge that met a
     * value in the name): a name may hold personal data, and {@code /metrics} would otherwise show it until a restart.
     */
    void forgetAllBut(Set<String> existing) {
        timers.keySet().removeIf(key -> {
            if (existing.contains(key.sequence())) {
                return false;
            }
            Timer timer = timers.get(key);
            if (timer != null) {
                registry.remove(timer);
            }
            return true;
        });
    }
}
