package io.lethe.engine.block;

import io.lethe.engine.script.CompiledScript;
import io.lethe.engine.script.ScriptOutcome;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Branches on a JavaScript expression over {@code input}, {@code steps} and {@code context}: outcome {@code true} or {@code false}. */
public final class ConditionBlock implements Block<CompiledScript> {

    private static final Duration LIMIT = Duration.ofMillis(500);

    @Override
    public String type() {
        return "condition";
    }

    @Override
    public String description() {
        return "Branch on an expression (true / false)";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.builder()
                .required("expression", Kind.EXPRESSION, "JavaScript expression, e.g. input.age >= 18 && steps.lookup.output.length == 0")
                .build();
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("true", "false");
    }

    @Override
    public boolean waitsOnIo() {
        return false;
    }

    @Override
    public CompiledScript compile(BlockConfig config) {
        return config.expression("expression");
    }

    @Override
    public Outcome execute(CompiledScript expression, BlockRun run) {
        Map<String, Object> scope = run.scope();
        Map<String, Object> context = new HashMap<>();
        if (scope.containsKey("item")) {
            context.put("item", scope.get("item"));
            context.put("index", scope.get("index"));
        }
        ScriptOutcome outcome = expression.run(scope.get("input"), scope.get("steps"), context,
                LIMIT.compareTo(run.remaining()) < 0 ? LIMIT : run.remaining());
        return switch (outcome) {
            case ScriptOutcome.Returned r -> new Outcome.Next(truthy(r.value()) ? "true" : "false", truthy(r.value()));
            case ScriptOutcome.Failed f -> Outcome.failed("condition failed: " + f.message());
        };
    }

    private static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
            case String s -> !s.isEmpty();
            default -> true;
        };
    }
}
