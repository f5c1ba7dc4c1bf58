package io.lethe.http.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A person who signs in to Lethe.
 *
 * @param passwordHash  a PHC-format password hash, never the password
 * @param tokenVersion  bumped to revoke every token issued before (logout, password change)
 */
public record User(String username, String passwordHash, Set<Role> roles, int tokenVersion, Instant createdAt) {

    public User {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
