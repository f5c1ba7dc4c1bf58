package io.lethe.engine.log;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One hourly log file: JSON lines whose timestamps fall in {@code [hour, hour + 1h)}.
 * Segments of past hours are gzipped; the current one is plain.
 */
public record LogSegment(Instant hour, Path path, boolean compressed) {

    public static final Duration LENGTH = Duration.ofHours(1);

    public Instant end() {
        return hour.plus(LENGTH);
    }

    /** True when some instant of {@code [from, to)} falls in this segment. */
    public boolean overlaps(Instant from, Instant to) {
        return hour.isBefore(to) && end().isAfter(from);
    }

    /** True when the whole segment lies inside {@code [from, to)}. */
    public boolean within(Instant from, Instant to) {
        return !hour.isBefore(from) && !end().isAfter(to);
    }
}
