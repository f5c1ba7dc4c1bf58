package io.lethe.engine.sequence;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The block types a Lethe knows, by type name; the palette lists them in registration order. */
public final class BlockRegistry {

    private final Map<String, Block<?>> blocks = new LinkedHashMap<>();

    public BlockRegistry register(Block<?> block) {
        if (blocks.putIfAbsent(block.type(), block) != null) {
            throw new IllegalArgumentException("block type '" + block.type() + "' registered twice");
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    public Optional<Block<Object>> find(String type) {
        return Optional.ofNullable((Block<Object>) blocks.get(type));
    }

    public Collection<Block<?>> all() {
        return blocks.values();
    }
}
