package io.lethe.web.auth;

import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Lethe's own accounts (staff, not data subjects). */
public interface UserStore {

    Optional<User> find(String username);

    /** All users, by name. */
    List<User> list();

    /** @throws io.lethe.engine.failure.ConflictException when the name is taken */
    void create(User user);

    /** Replaces roles, password hash and token version of an existing user; false if none. */
    boolean update(User user);

    boolean delete(String username);

    long count();

    long countWithRole(Role role);

    /** The users whose role set is exactly what is stored; used for "last admin" checks. */
    default boolean isLastWithRole(String username, Role role) {
        return find(username).map(u -> u.has(role)).orElse(false) && countWithRole(role) <= 1;
    }
}
