package io.lethe.designer.sequence;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.sequence.Sequence;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Which sequences name a model, sequence or connector account: what deleting it would break. */
public final class Usage {

    private Usage() {
    }

    /** Names of the sequences (other than {@code name} itself) with a block whose config {@code key} is {@code name}. */
    public static List<String> blocksNaming(List<Sequence> sequences, String key, String name) {
        return naming(sequences, name, s -> s.blocks().stream().anyMatch(b -> name.equals(b.config().get(key))));
    }

    /** Names of the sequences (other than {@code name} itself) that {@code uses} holds for. */
    public static List<String> naming(List<Sequence> sequences, String name, Predicate<Sequence> uses) {
        return sequences.stream().filter(s -> !s.name().equals(name)).filter(uses).map(Sequence::name).toList();
    }

    /**
     * Refuses (409, naming them) to delete what {@code users} still use, unless {@code force}: they would
     * fail at their next run.
     */
    public static void refuseInUse(String what, List<String> users, boolean force) {
        if (!force && !users.isEmpty()) {
            throw new ConflictException(what + " is used by sequence(s) " + String.join(", ", users)
                    + ": change them first, or delete with ?force=true (they will fail when they reach it)",
                    Map.of("sequences", users));
        }
    }
}
