package io.lethe.engine.sequence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashMap;
import java.util.Map;

/**
 * One block as designed: its id (unique in the sequence), type, config (may hold {@code {{...}}}
 * expressions), wires from outcome names to the ids of the next blocks, and where the designer put
 * it on the graph ({@code null} until placed: the UI then lays it out itself). A block without a
 * position is written without the field, exactly as before positions existed.
 */
public record BlockDefinition(
        String id,
        String type,
        Map<String, Object> config,
        Map<String, String> next,
        @JsonInclude(JsonInclude.Include.NON_NULL) BlockPosition position) {

    public BlockDefinition {
        config = config == null ? Map.of() : config;
        next = next == null ? Map.of() : Map.copyOf(next);
    }

    public static BlockDefinition of(String id, String type, Map<String, Object> config) {
        return new BlockDefinition(id, type, config, Map.of(), null);
    }

    public BlockDefinition then(String outcome, String blockId) {
        var wires = new HashMap<>(next);
        wires.put(outcome, blockId);
        return new BlockDefinition(id, type, config, wires, position);
    }

    public BlockDefinition then(String blockId) {
        return then(Outcome.NEXT, blockId);
    }

    /** This block placed at {@code (x, y)} on the graph. */
    public BlockDefinition at(double x, double y) {
        return new BlockDefinition(id, type, config, next, new BlockPosition(x, y));
    }
}
