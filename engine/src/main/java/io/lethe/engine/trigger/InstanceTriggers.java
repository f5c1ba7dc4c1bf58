package io.lethe.engine.trigger;

import io.lethe.engine.instance.InstanceEvent;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs sequences on instance events of a model (created, updated, deactivated, reactivated, deleted).
 *
 * <p>A run started by an event may change instances and so cause further events: a sequence that
 * updates the instance it was triggered by would run for ever. Each triggered run knows how many
 * events led to it (its cascade depth, carried on its thread); an event that would start a run deeper
 * than {@link #MAX_CASCADE} starts none and is handed to {@code refuse} instead.
 */
public final class InstanceTriggers {

    /** How many instance events in a row may trigger runs (as deep as sequences may call each other). */
    public static final int MAX_CASCADE = 8;

    /** Starts (hands off) or refuses the run of a sequence for an event. */
    public interface Fire {
        /** Hands the run off to another thread; the run must be wrapped by {@link #atDepth}. */
        void run(String sequence, Map<String, Object> input, int depth);

        /** The run would be deeper than {@link #MAX_CASCADE}: record that it did not start. */
        void refuse(String sequence, Map<String, Object> input);
    }

    private record Subscription(String sequence, String model, List<String> events) {
    }

    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private final Fire fire;
    private volatile List<Subscription> subscriptions = List.of();

    public InstanceTriggers(Fire fire) {
        this.fire = fire;
    }

    /** Wraps a triggered run so that the events it causes know their depth. */
    public static Runnable atDepth(int depth, Runnable run) {
        return () -> {
            DEPTH.set(depth);
            try {
                run.run();
            } finally {
                DEPTH.remove();
            }
        };
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
        int depth = DEPTH.get() + 1;
        for (Subscription s : subscriptions) {
            if (s.model().equals(event.instance().model()) && s.events().contains(event.type().label())) {
                Map<String, Object> input = Map.of("event", event.type().label(), "model", s.model(),
                        "instance", event.instance().toPlain());
                if (depth > MAX_CASCADE) {
                    fire.refuse(s.sequence(), input);
                } else {
                    fire.run(s.sequence(), input, depth);
                }
            }
        }
    }
}
