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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure some account can administer Lethe: when none has the admin role (the first start, with no users; or a
 * restore whose replayed purges removed every admin's account, as a forgotten username goes whole), creates
 * {@code admin} (or {@code admin-2}, {@code admin-3}... when an account without the role has that name) with roles
 * admin and designer and the password from {@code LETHE_ADMIN_PASSWORD}, or a generated one printed once to the
 * console, never to the log files.
 */
public final class BootstrapAdmin {

    public static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    /** The admin made, and its password when it was generated (to be shown once). */
    public record Made(String username, Optional<String> generated) {
    }

    private BootstrapAdmin() {
    }

    /**
     * Creates an admin if no account has the role; answers it (with the generated password to show with
     * {@link #announce} once Lethe listens: a start that fails must not use up its one showing).
     */
    public static Optional<Made> ensure(UserStore users, PasswordHasher hasher, Optional<String> password) {
        if (users.countWithRole(Role.ADMIN) > 0) {
            return Optional.empty();
        }
        String username = USERNAME;
        for (int n = 2; users.find(username).isPresent(); n++) {
            username = USERNAME + "-" + n;
        }
        Optional<String> given = password.filter(p -> !p.isBlank()); // a blank one is as good as none
        String chosen = given.orElseGet(BootstrapAdmin::generate);
        boolean first = users.count() == 0;
        try {
            users.create(new User(username, hasher.hash(chosen), Set.of(Role.ADMIN, Role.DESIGNER), 0,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (ConflictException e) {
            return Optional.empty(); // another process sharing the database created it first
        }
        if (!first) {
            log.atWarn().addKeyValue("username", username).log("no account had the admin role (a restore's replayed purges"
                    + " removed them?): created one");
        }
        return Optional.of(new Made(username, given.isEmpty() ? Optional.of(chosen) : Optional.empty()));
    }

    /** Prints a generated password, once, to the console (never to the log files); nothing for a configured one. */
    public static void announce(Made made, PrintStream console) {
        made.generated().ifPresent(password -> {
            console.println("Created user '" + made.username() + "' with password: " + password);
            console.println("It is shown only this once. Change it with PATCH /api/users/" + made.username() + ".");
        });
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
