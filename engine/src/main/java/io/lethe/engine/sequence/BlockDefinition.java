package io.lethe.engine.sequence;

import java.util.Map;

/**
 * One block as designed: its id (unique in the sequence), type, config (may hold {@code {{...}}}
 * expressions) and wires from outcome names to the ids of the next blocks.
 */
public record BlockDefinition(String id, String type, Map<String, Object> config, Map<String, String> next) {

    public BlockDefinition {
        config = config == null ? Map.of() : config;
        next = next == null ? Map.of() : Map.copyOf(next);
    }

    public static BlockDefinition of(String id, String type, Map<String, Object> config) {
        return new BlockDefinition(id, type, config, Map.of());
    }

    public BlockDefinition then(String outcome, String blockId) {
        var wires = new java.util.HashMap<>(next);
        wires.put(outcome, blockId);
        return new BlockDefinition(id, type, config, wires);
    }

    public BlockDefinition then(String blockId) {
        return then(Outcome.NEXT, blockId);
    }
}
