package io.lethe.purge;

import io.lethe.engine.retention.PurgeTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every purge target, in the order a purge visits them. Adding a store is adding its target here. */
public final class PurgeTargets {

    private final List<PurgeTarget> targets;

    public PurgeTargets(List<PurgeTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    public List<PurgeTarget> all() {
        return targets;
    }

    /** Every database collection some target covers. */
    public Set<String> collections() {
        Set<String> covered = new LinkedHashSet<>();
        targets.forEach(t -> covered.addAll(t.collections()));
        return covered;
    }

    public List<String> names() {
        return new ArrayList<>(targets.stream().map(PurgeTarget::name).toList());
    }
}
