package io.lethe.engine.sequence;

/** A block ready to run: its definition, its type and its typed config. */
public record CompiledBlock(BlockDefinition definition, Block<Object> block, Object config) {

    public String id() {
        return definition.id();
    }

    public Outcome execute(BlockRun run) throws Exception {
        return block.execute(config, run);
    }

    /** The block wired to {@code outcome}, or null at the end of a path. */
    public String next(String outcome) {
        return definition.next().get(outcome);
    }
}
