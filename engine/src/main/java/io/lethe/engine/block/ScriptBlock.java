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
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs JavaScript: a function body over {@code input}, {@code steps} and {@code context}; its return value is the output. */
public final class ScriptBlock implements Block<ScriptBlock.Config> {

    record Config(CompiledScript script, Duration timeout) {
    }

    @Override
    public String type() {
        return "script";
    }

    @Override
    public String description() {
        return "Run JavaScript (sandboxed); return the output";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.builder()
                .required("source", Kind.CODE, "function body over input, steps, context (item, index, execution); return the output")
                .optionalFixed("timeoutMs", Kind.NUMBER, "wall-clock limit in milliseconds (default 1000)")
                .build();
    }

    @Override
    public boolean waitsOnIo() {
        return false;
    }

    @Override
    public Config compile(BlockConfig config) {
        var settings = config.scripts().settings();
        long timeout = config.number("timeoutMs", settings.defaultTimeout().toMillis(), 1, settings.maxTimeout().toMillis());
        return new Config(config.script("source"), Duration.ofMillis(timeout));
    }

    @Override
    public Outcome execute(Config config, BlockRun run) {
        Map<String, Object> scope = run.scope();
        Map<String, Object> context = Map.of("execution", scope.get("execution"));
        if (scope.containsKey("item")) { // in a loop's body
            context = new LinkedHashMap<>(context);
            context.put("item", scope.get("item"));
            context.put("index", scope.get("index"));
        }
        Duration left = run.remaining();
        Duration limit = config.timeout().compareTo(left) < 0 ? config.timeout() : left;
        ScriptOutcome outcome = config.script().runRaw(scope.get("input"), scope.get("steps"), context, limit);
        run.console(outcome.console());
        return switch (outcome) {
            case ScriptOutcome.Returned r -> Outcome.next(r.value());
            case ScriptOutcome.Failed f -> Outcome.failed(f.line() > 0 ? "line " + f.line() + ": " + f.message() : f.message());
        };
    }
}
