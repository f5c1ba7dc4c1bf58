package io.lethe.engine.sequence;

import java.util.List;
import java.util.Map;

/**
 * A validated sequence with every block compiled, as the runner uses it. Closing frees script contexts.
 *
 * @param cpuOnly true when no block may wait on IO: the run is CPU work only (scripts, conditions,
 *                loops, responses); derived from the blocks, once (hooks ask on every request)
 */
public record CompiledSequence(Sequence definition, Map<String, CompiledBlock> blocks, List<AutoCloseable> resources,
        boolean cpuOnly) implements AutoCloseable {

    public CompiledSequence(Sequence definition, Map<String, CompiledBlock> blocks, List<AutoCloseable> resources) {
        this(definition, blocks, resources, blocks.values().stream().noneMatch(b -> b.block().waitsOnIo()));
    }

    public String name() {
        return definition.name();
    }

    public int version() {
        return definition.version();
    }

    public CompiledBlock block(String id) {
        return blocks.get(id);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // best effort: a script pool that fails to close holds only memory
            }
        }
    }
}
