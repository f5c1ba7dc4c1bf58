package io.lethe.web.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes (password4j) in PHC string format, each with its own random salt.
 * Parameters follow OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
 */
public final class PasswordHasher {

    public static final int MIN_LENGTH = 12;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

    /** A real hash of a random password, checked when a user does not exist, so timing says nothing. */
    private final String decoy = hash(java.util.UUID.randomUUID().toString());

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of a real check, for unknown users; always false. */
    public boolean matchesNothing(String password) {
        matches(password, decoy);
        return false;
    }
}
