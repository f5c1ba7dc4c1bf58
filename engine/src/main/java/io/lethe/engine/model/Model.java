package io.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A kind of data designers define: a name and its attributes, and how long its instances are kept:
 * with {@code retentionDays}, an instance not changed for that many days is deleted for good by the
 * hourly housekeeping (none: kept until deleted).
 */
public record Model(String name, String description, List<Attribute> attributes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer retentionDays) {

    /** The longest retention a model may give (100 years). */
    public static final int MAX_RETENTION_DAYS = 36_500;

    public Model {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public Model(String name, String description, List<Attribute> attributes) {
        this(name, description, attributes, null);
    }

    /** How long an unchanged instance is kept, if the model limits it. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retentionDays).map(Duration::ofDays);
    }

    public static Model of(String name, Attribute... attributes) {
        return new Model(name, null, List.of(attributes));
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Names of attributes whose values are personal or sensitive. */
    public List<String> protectedAttributes() {
        return attributes.stream().filter(a -> a.sensitivity().isProtected()).map(Attribute::name).toList();
    }
}
