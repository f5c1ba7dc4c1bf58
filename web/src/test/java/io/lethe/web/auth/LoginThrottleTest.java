package io.lethe.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void shouldLetFiveWrongPasswordsThroughThenMakeEachNextWaitTwiceAsLong() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.wait("ada", "10.0.0.1")).isEmpty();
            throttle.failed("ada", "10.0.0.1");
        }
        assertThat(throttle.wait("ada", "10.0.0.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.wait("Ada", "10.0.0.1")).as("usernames are case-insensitive").isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.wait("ada", "10.0.0.1")).isEmpty();
        throttle.failed("ada", "10.0.0.1");
        assertThat(throttle.wait("ada", "10.0.0.1")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            throttle.failed("ada", "10.0.0.1");
        }
        assertThat(throttle.wait("ada", "10.0.0.1")).contains(Duration.ofMinutes(15));
    }

    @Test
    void shouldNotLetGuessesFromOneAddressLockTheUserOutFromAnother() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("ada", "10.0.0.1");
        }

        assertThat(throttle.wait("ada", "10.0.0.2")).isEmpty();
        assertThat(throttle.wait("bob", "10.0.0.1")).isEmpty();
    }

    @Test
    void shouldForgetFailuresAfterARightPasswordOrAnHourOfQuiet() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("ada", "10.0.0.1");
            throttle.failed("bob", "10.0.0.1");
        }

        throttle.succeeded("ada", "10.0.0.1");
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        throttle.failed("bob", "10.0.0.1");

        assertThat(throttle.wait("ada", "10.0.0.1")).isEmpty();
        assertThat(throttle.wait("bob", "10.0.0.1")).as("counting from one again").isEmpty();
    }
}
