package io.lethe.engine.block;

import io.lethe.engine.instance.Condition;
import io.lethe.engine.instance.Conditions;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return subjectSchema().build();
    }

    /** The settings of a block that purges (or asks to purge) a subject: model, filter, strategies. */
    static ConfigSchema.Builder subjectSchema() {
        return ConfigSchema.builder()
                .required("model", Kind.MODEL, "the model")
                .required("where", Kind.MAP, "which instances: {attr: value} or {attr: {op: value}}")
                .required("attributes", Kind.MAP,
                        "{attribute: strategy}, strategy one of null, mask, hmac, random, or delete (the whole instance; alone)");
    }

    @Override
    public Config compile(BlockConfig c) {
        return subject(c);
    }

    /** The model, filter and strategies of a block that purges (or asks to purge) a subject. */
    static Config subject(BlockConfig c) {
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
        return new Config(c.text("model", null), Template.allOrNothing(c.template("where")), strategies);
    }

    @Override
    public Outcome execute(Config config, BlockRun run) {
        List<Condition> conditions = Conditions.parse(run.input("where", config.where()));
        Optional<String> unselective = unselective(conditions);
        if (unselective.isPresent()) {
            return Outcome.failed("nothing purged: " + unselective.get());
        }
        var result = purge.purge(config.model(), conditions, config.strategies());
        return Outcome.next(Map.of("overwritten", result.overwritten(), "deleted", result.deleted()));
    }

    /**
     * Why the filter, as it resolved, would purge instances nobody meant: none at all (every instance), or a
     * value that came out missing (input without the e-mail address: "email equals null" matches every instance
     * without one) or an empty pattern (matches everything).
     */
    static Optional<String> unselective(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return Optional.of("the filter resolved to no condition, which would select every instance");
        }
        for (Condition condition : conditions) {
            boolean missing = switch (condition) {
                case Condition.Equals eq -> eq.value() == null;
                case Condition.In in -> in.values().isEmpty() || in.values().contains(null);
                case Condition.Range r -> r.greaterThan() == null && r.atLeast() == null && r.lessThan() == null && r.atMost() == null;
                case Condition.Matches m -> m.pattern().isEmpty();
            };
            if (missing) {
                return Optional.of("the filter's value for '" + condition.attribute() + "' resolved to nothing");
            }
        }
        return Optional.empty();
    }
}
