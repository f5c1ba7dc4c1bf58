package io.lethe.engine.instance;

import java.util.Locale;

/** Something happened to an instance; published in process (the embedded database has no change streams). */
public record InstanceEvent(Type type, Instance instance) {

    public enum Type {
        CREATED, UPDATED, DEACTIVATED, REACTIVATED, DELETED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
