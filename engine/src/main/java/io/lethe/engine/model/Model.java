package io.lethe.engine.model;

import java.util.List;
import java.util.Optional;

/** A kind of data designers define: a name and its attributes. */
public record Model(String name, String description, List<Attribute> attributes) {

    public Model {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
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
