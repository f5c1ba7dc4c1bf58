package io.lethe.engine.instance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process publish/subscribe of instance events. Listeners must be quick; triggers hand off to their own threads. */
public final class InstanceEvents {

    private static final Logger log = LoggerFactory.getLogger(InstanceEvents.class);
    private final List<Consumer<InstanceEvent>> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<InstanceEvent> listener) {
        listeners.add(listener);
    }

    void publish(InstanceEvent event) {
        for (Consumer<InstanceEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.atError().setCause(e).addKeyValue("model", event.instance().model())
                        .addKeyValue("event", event.type().label()).log("instance event listener failed");
            }
        }
    }
}
