package io.lethe.engine.block;

import io.lethe.engine.retention.AttributePurge;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import io.lethe.engine.sequence.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Overwrites chosen attributes of the matching instances (deactivated ones too) with a strategy per
 * attribute: null, mask, hmac, random, or delete the instance. Output: counts.
 */
public final class PurgeAttributesBlock implements Block<PurgeAttributesBlock.Config> {

    record Config(String model, Template where, Map<String, PurgeStrategy> strategies) {
    }

    private final AttributePurge purge;

    public PurgeAttributesBlock(AttributePurge purge) {
        this.purge = purge;
    }

    @Override
    public String type() {
        return "purge-attributes";
    }

    @Override
    public String description() {
        return "Overwrite attributes of matching instances (null, mask, hmac, random, delete)";
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.builder()
                .required("model", Kind.MODEL, "the model")
                .required("where", Kind.MAP, "which instances: {attr: value} or {attr: {op: value}}")
                .required("attributes", Kind.MAP, "{attribute: strategy}, strategy one of null, mask, hmac, random, or delete (the whole instance; alone)")
                .build();
    }

    @Override
    public Config compile(BlockConfig c) {
        Map<String, PurgeStrategy> strategies = new LinkedHashMap<>();
        if (c.raw("attributes") instanceof Map<?, ?> given) {
            given.forEach((attribute, strategy) -> {
                try {
                    strategies.put(String.valueOf(attribute), PurgeStrategy.parse(String.valueOf(strategy)));
                } catch (IllegalArgumentException e) {
                    c.error("attributes/" + attribute, e.getMessage());
                }
            });
        }
        if (strategies.isEmpty()) {
            c.error("attributes", "name at least one attribute and its strategy");
        }
        PurgeStrategy.mixedWithDelete(strategies).ifPresent(attribute -> c.error("attributes/" + attribute, PurgeStrategy.MIXED_WITH_DELETE));
        if (c.raw("where") instanceof Map<?, ?> where && where.isEmpty()) {
            c.error("where", "must select instances; an empty filter would purge every instance");
        }
        return new Config(c.text("model", null), c.template("where"), strategies);
    }

    @Override
    public Outcome execute(Config config, BlockRun run) {
        var result = purge.purge(config.model(), io.lethe.engine.instance.Conditions.parse(run.input("where", config.where())), config.strategies());
        return Outcome.next(Map.of("overwritten", result.overwritten(), "deleted", result.deleted()));
    }
}
