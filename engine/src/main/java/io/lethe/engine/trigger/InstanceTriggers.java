package io.lethe.engine.trigger;

import io.lethe.engine.instance.InstanceEvent;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Runs sequences on instance events of a model (created, updated, deactivated, reactivated, deleted). */
public final class InstanceTriggers {

    private record Subscription(String sequence, String model, List<String> events) {
    }

    private final BiConsumer<String, Map<String, Object>> fire;
    private volatile List<Subscription> subscriptions = List.of();

    /** {@code fire} receives the sequence name and the run input; it must hand the run off. */
    public InstanceTriggers(BiConsumer<String, Map<String, Object>> fire) {
        this.fire = fire;
    }

    public void rebuild(List<Sequence> sequences) {
        List<Subscription> next = new ArrayList<>();
        for (Sequence sequence : sequences) {
            for (Trigger trigger : sequence.triggers()) {
                if (trigger instanceof Trigger.InstanceEvent e) {
                    next.add(new Subscription(sequence.name(), e.model(), List.copyOf(e.events())));
                }
            }
        }
        subscriptions = List.copyOf(next);
    }

    public void on(InstanceEvent event) {
        for (Subscription s : subscriptions) {
            if (s.model().equals(event.instance().model()) && s.events().contains(event.type().label())) {
                fire.accept(s.sequence(), Map.of("event", event.type().label(), "model", s.model(),
                        "instance", event.instance().toPlain()));
            }
        }
    }
}
