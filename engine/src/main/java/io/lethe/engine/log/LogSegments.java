package io.lethe.engine.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of the log directory: one file per UTC hour named {@code lethe-YYYY-MM-DDTHH.jsonl},
 * gzipped to {@code .jsonl.gz} once the hour is over. Errors are in the same segments (their
 * {@code level} field says so), so a time-range purge has exactly one place to look.
 */
public final class LogSegments {

    static final String PREFIX = "lethe-";
    static final String PLAIN = ".jsonl";
    static final String GZIP = ".jsonl.gz";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");
    private static final Pattern NAME = Pattern.compile("lethe-(\\d{4}-\\d{2}-\\d{2}T\\d{2})\\.jsonl(\\.gz)?");

    private final Path directory;

    public LogSegments(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** All segments, oldest first. */
    public List<LogSegment> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(LogSegments::parse)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(LogSegment::hour).thenComparing(LogSegment::compressed))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Segments holding lines whose timestamps may fall in {@code [from, to)}. */
    public List<LogSegment> overlapping(Instant from, Instant to) {
        return list().stream().filter(s -> s.overlaps(from, to)).toList();
    }

    /** The plain (not yet compressed) file of the hour containing {@code instant}. */
    public Path plainFile(Instant instant) {
        return directory.resolve(PREFIX + HOUR.format(hourOf(instant).atOffset(ZoneOffset.UTC)) + PLAIN);
    }

    static Path gzipFileOf(Path plain) {
        return plain.resolveSibling(plain.getFileName() + ".gz");
    }

    public static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    static Optional<LogSegment> parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant hour = LocalDateTime.parse(m.group(1), HOUR).toInstant(ZoneOffset.UTC);
            return Optional.of(new LogSegment(hour, file, m.group(2) != null));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
