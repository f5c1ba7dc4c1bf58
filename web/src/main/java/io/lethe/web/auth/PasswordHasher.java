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

    /**
     * A real hash, with these parameters, of a random password nobody kept: checked when a user does
     * not exist, so timing says nothing. Fixed rather than made at start, which cost every start an
     * Argon2 run (a third of a second on two slow cores); {@link #matchesNothing} is false whatever it holds.
     */
    static final String DECOY = "$argon2id$v=19$m=19456,t=2,p=1$KWxJhWKpFxAtlwoS4W1R9Q$GSyNRttbRjM4vtD8mmZ9J2SUnxNhbhpobMujzrN0NUI";

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of a real check, for unknown users; always false. */
    public boolean matchesNothing(String password) {
        matches(password, DECOY);
        return false;
    }
}
