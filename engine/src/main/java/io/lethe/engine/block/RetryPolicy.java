package io.lethe.engine.block;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * When an {@code http-request} block tries a call again, and how long it waits first: after a failure that may
 * pass (the service could not be reached, gave no answer in time, or answered 408, 429, 500, 502, 503 or 504), up
 * to {@code retries} more times, waiting {@code firstDelay} and then twice as long before each next try, or as long
 * as the service's {@code Retry-After} (in seconds) asks when that is longer; never more than a minute at once.
 */
record RetryPolicy(int retries, Duration firstDelay) {

    static final int MAX_RETRIES = 5;
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    private static final Set<Integer> PASSING = Set.of(408, 429, 500, 502, 503, 504);

    static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofSeconds(1));

    /** Whether an answer with this status may be different on another try. */
    static boolean passing(int status) {
        return PASSING.contains(status);
    }

    /** The wait after {@code tries} failed tries, the service's {@code Retry-After} followed when it asks for longer. */
    Duration delay(int tries, Optional<String> retryAfter) {
        Duration doubled = firstDelay.multipliedBy(1L << Math.min(tries - 1, 16));
        Duration asked = retryAfter.map(RetryPolicy::seconds).orElse(Duration.ZERO);
        Duration wait = asked.compareTo(doubled) > 0 ? asked : doubled;
        return wait.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : wait;
    }

    /** A {@code Retry-After} in seconds; the HTTP-date form counts as not given. */
    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
