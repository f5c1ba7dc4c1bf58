package io.lethe.http.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do. A user holds one or more roles; each route requires one of a set. */
public enum Role {
    /** Builds models, sequences, connectors; runs and debugs them. */
    DESIGNER,
    /** Manages users, files and approves purges, backups, retention. */
    ADMIN,
    /** Purges logs by time range. */
    SUPPORT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sorted labels, e.g. {@code [admin, designer]}. */
    public static java.util.SortedSet<String> labels(java.util.Collection<Role> roles) {
        return roles.stream().map(Role::label).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    public static Optional<Role> parse(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
    }
}
