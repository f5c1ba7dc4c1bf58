package io.lethe.web;

import io.lethe.engine.execution.ExecutionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Execution timings for {@code /metrics}: {@code lethe_executions_seconds{sequence,status,trigger}}. */
final class ExecutionMetrics implements ExecutionListener {

    private final MeterRegistry registry;

    ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executionFinished(Finished event) {
        Timer.builder("lethe.executions")
                .description("Sequence runs by sequence, outcome and trigger")
                .tag("sequence", event.sequence())
                .tag("status", event.result().status().label())
                .tag("trigger", event.trigger().type())
                .register(registry)
                .record(event.duration());
    }
}
