package io.lethe.engine.sequence;

import java.util.Set;

/**
 * A kind of step in an action sequence (the service-provider interface for block types).
 *
 * <p>A block type describes its config ({@link #schema()}), from which the UI palette and the
 * generic save-time checks are made; {@link #compile} turns one block's checked config into a
 * typed value once, when the sequence is saved or loaded; {@link #execute} runs it, on a virtual
 * thread, as often as the sequence runs. Implementations are stateless and thread-safe.
 *
 * @param <C> the typed config
 */
public interface Block<C> {

    /** The type name used in sequence definitions, e.g. {@code create-instance}. */
    String type();

    /** One line for the palette. */
    String description();

    ConfigSchema schema();

    /**
     * Outcome names this block can take, wired to next blocks ({@code error} is always possible
     * and not listed).
     */
    default Set<String> outcomes() {
        return Set.of(Outcome.NEXT);
    }

    /**
     * Whether running this block may wait on IO (the database, the network). Sequences made only of
     * blocks that do not are run on a small pool of platform threads sized to the cores, with their
     * scripts in place; the others on virtual threads.
     */
    default boolean waitsOnIo() {
        return true;
    }

    /**
     * Builds the typed config from a config that passed the schema checks; adds further problems to
     * {@code config} (they are reported and the sequence is not saved).
     */
    C compile(BlockConfig config);

    /**
     * Runs the block. Expected failures are returned as {@link Outcome.Failed}; an exception is
     * turned into one too, with its message.
     */
    Outcome execute(C config, BlockRun run) throws Exception;
}
