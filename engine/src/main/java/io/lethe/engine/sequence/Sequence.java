package io.lethe.engine.sequence;

import java.util.List;
import java.util.Optional;

/**
 * An action sequence as designed: blocks wired by outcomes from one entry block, its triggers and
 * settings. {@code version} is set by the store on every save.
 */
public record Sequence(
        String name,
        String description,
        int version,
        String entry,
        List<BlockDefinition> blocks,
        List<Trigger> triggers,
        SequenceSettings settings) {

    public Sequence {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        settings = settings == null ? SequenceSettings.defaults() : settings;
    }

    public static Sequence of(String name, String entry, List<BlockDefinition> blocks, Trigger... triggers) {
        return new Sequence(name, null, 0, entry, blocks, List.of(triggers), SequenceSettings.defaults());
    }

    public Optional<BlockDefinition> block(String id) {
        return blocks.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Sequence withVersion(int v) {
        return new Sequence(name, description, v, entry, blocks, triggers, settings);
    }

    public Sequence withSettings(SequenceSettings s) {
        return new Sequence(name, description, version, entry, blocks, triggers, s);
    }
}
