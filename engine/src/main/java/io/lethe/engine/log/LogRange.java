package io.lethe.engine.log;

import io.lethe.engine.failure.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)} of log lines: a line logged exactly at {@code from}
 * is inside, one logged exactly at {@code to} is not. Precision is the millisecond of the lines'
 * own {@code timestamp} field.
 */
public record LogRange(Instant from, Instant to) {

    public LogRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw InvalidInputException.of("/to", "must be after from");
        }
    }

    public static LogRange between(Instant from, Instant to) {
        return new LogRange(from, to);
    }

    /** {@code [around - window, around + window)}: what support means by "around 14:05, give or take 10 minutes". */
    public static LogRange around(Instant around, Duration window) {
        Objects.requireNonNull(around, "around");
        if (window == null || window.isNegative() || window.isZero()) {
            throw InvalidInputException.of("/window", "must be a positive duration");
        }
        return new LogRange(around.minus(window), around.plus(window));
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
