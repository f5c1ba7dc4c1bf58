package io.lethe.engine.instance;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One piece of data of a model. A deactivated instance ({@code active == false}) is hidden from
 * normal queries but still stored, until reactivated, deleted or garbage-collected. Its {@code revision} counts
 * its writes (1 when created); an update may be made on condition that it is unchanged (HTTP {@code If-Match}).
 */
public record Instance(
        String id,
        String model,
        Map<String, Object> data,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        Instant deactivatedAt,
        long revision) {

    public Instance {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The instance as plain values: {@code id}, {@code model}, the attributes, and lifecycle fields. */
    public Map<String, Object> toPlain() {
        var plain = new LinkedHashMap<String, Object>();
        plain.put("id", id);
        plain.put("model", model);
        plain.put("data", data);
        plain.put("active", active);
        plain.put("createdAt", createdAt.toString());
        plain.put("updatedAt", updatedAt.toString());
        if (deactivatedAt != null) {
            plain.put("deactivatedAt", deactivatedAt.toString());
        }
        plain.put("revision", revision);
        return plain;
    }
}
