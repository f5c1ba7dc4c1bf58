package io.lethe.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    /** The PHC parameters of a hash: variant, version, memory, iterations, lanes (everything before the salt). */
    private static String parameters(String hash) {
        return hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1));
    }

    @Test
    void shouldCheckAPasswordAgainstItsSaltedHashOnly() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery")).as("a fresh salt each time").isNotEqualTo(hash);
    }

    @Test
    void shouldCheckUnknownUsersAgainstADecoyOfTheSameCostAndNeverMatch() {
        assertThat(parameters(PasswordHasher.DECOY)).isEqualTo(parameters(hasher.hash("anything at all")))
                .isEqualTo("$argon2id$v=19$m=19456,t=2,p=1");
        assertThat(hasher.matchesNothing("anything at all")).isFalse();
    }
}
