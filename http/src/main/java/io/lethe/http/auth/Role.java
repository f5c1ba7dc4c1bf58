package io.lethe.http.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
    public static SortedSet<String> labels(Collection<Role> roles) {
        return roles.stream().map(Role::label).collect(Collectors.toCollection(TreeSet::new));
    }

    public static Optional<Role> parse(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
    }
}
