package io.lethe.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} wrong passwords in a row for one
 * username from one client address, each further attempt must wait, twice as long each time (1 s,
 * 2 s, 4 s... at most 15 minutes), and is refused unchecked until then. Keyed by username and
 * address together, so guessing from one address cannot lock the user out from another; a right
 * password clears the count. Held in memory (per process), forgotten an hour after the last failure.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    private static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int SWEEP_ABOVE = 10_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this attempt must still wait, if it must. */
    public Optional<Duration> wait(String username, String address) {
        Failures f = failures.get(key(username, address));
        if (f == null || f.count() < FREE_FAILURES) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(delay(f.count())));
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }

    public void failed(String username, String address) {
        if (failures.size() > SWEEP_ABOVE) {
            Instant cutoff = clock.instant().minus(FORGET_AFTER);
            failures.values().removeIf(f -> f.last().isBefore(cutoff));
        }
        Instant now = clock.instant();
        failures.merge(key(username, address), new Failures(1, now), (old, one) ->
                new Failures(old.last().isBefore(now.minus(FORGET_AFTER)) ? 1 : old.count() + 1, now));
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static Duration delay(int count) {
        int doublings = Math.min(count - FREE_FAILURES, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : delay;
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "\u0000" + address;
    }
}
