package io.lethe.web.auth;

import io.lethe.engine.failure.ConflictException;
import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * On first start with no users, creates {@code admin} (roles admin and designer) with the
 * password from {@code LETHE_ADMIN_PASSWORD}, or a generated one printed once to the console,
 * never to the log files.
 */
public final class BootstrapAdmin {

    public static final String USERNAME = "admin";

    private BootstrapAdmin() {
    }

    /**
     * Creates {@code admin} if there are no users; returns the generated password when it made one, to be
     * shown with {@link #announce} once Lethe listens (a start that fails must not use up its one showing).
     */
    public static Optional<String> ensure(UserStore users, PasswordHasher hasher, Optional<String> password) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        Optional<String> given = password.filter(p -> !p.isBlank()); // a blank one is as good as none
        String chosen = given.orElseGet(BootstrapAdmin::generate);
        try {
            users.create(new User(USERNAME, hasher.hash(chosen), Set.of(Role.ADMIN, Role.DESIGNER), 0,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (ConflictException e) {
            return Optional.empty(); // another process sharing the database created it first
        }
        return given.isEmpty() ? Optional.of(chosen) : Optional.empty();
    }

    /** Prints a generated password, once, to the console (never to the log files). */
    public static void announce(String generated, PrintStream console) {
        console.println("Created user 'admin' with password: " + generated);
        console.println("It is shown only this once. Change it with PATCH /api/users/admin.");
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
