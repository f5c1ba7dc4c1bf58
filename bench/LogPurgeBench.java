import io.lethe.engine.log.LogFilter;
import io.lethe.engine.log.LogPurgeRequest;
import io.lethe.engine.log.LogPurgeResult;
import io.lethe.engine.log.LogPurger;
import io.lethe.engine.log.LogRange;
import io.lethe.engine.log.LogSegments;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Log purge cost against total log volume: synthetic hourly segments at 1x and 4x volume (4x as many
 * hours of the same size, so the boundary segments are alike), then purge one unaligned hour in each
 * (two boundary segments rewritten) a few times. Prints the median times and, last,
 * {@code logpurge ratio <median 4x / median 1x>}: near 1 when cost follows the range, 4 if it followed the volume.
 *
 * <p>Run through bench/logpurge.sh. Arguments: work directory, total MB at 1x (default 200), hours at 1x (default 24).
 */
public class LogPurgeBench {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] WORDS = {"order", "payment", "sequence", "block", "instance", "retry", "timeout",
        "accepted", "declined", "customer", "webhook", "connector", "model", "saved", "started", "finished"};

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        long totalMb = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int hours = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        long bytesPerHour = totalMb * 1024 * 1024 / hours;

        Path one = work.resolve("x1");
        Path four = work.resolve("x4");
        generate(one, hours, bytesPerHour);
        generate(four, hours * 4, bytesPerHour);
        System.out.printf("generated %d MB in %d hours (1x) and %d MB in %d hours (4x), %d KB per hour uncompressed%n",
                totalMb, hours, totalMb * 4, hours * 4, bytesPerHour / 1024);
        System.out.printf("on disk: 1x %d MB, 4x %d MB%n", size(one) >> 20, size(four) >> 20);

        // Warm the JIT on hours not measured.
        purgeHour(one, 1);
        purgeHour(four, 1);
        List<Long> timesOne = new ArrayList<>();
        List<Long> timesFour = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            int hour = hours / 2 - 3 + run * 2;
            timesOne.add(purgeHour(one, hour));
            timesFour.add(purgeHour(four, hour));
        }
        long medianOne = median(timesOne);
        long medianFour = median(timesFour);
        System.out.printf("purge one hour: 1x median %d ms %s, 4x median %d ms %s%n",
                medianOne, timesOne, medianFour, timesFour);
        System.out.printf("logpurge ratio %.2f%n", (double) medianFour / medianOne);
    }

    /** Purges [hour + 30 min, hour + 90 min): two boundary segments rewritten; returns milliseconds. */
    private static long purgeHour(Path dir, int hour) {
        Instant from = START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(30));
        LogPurgeRequest request = new LogPurgeRequest(LogRange.between(from, from.plus(Duration.ofHours(1))),
                LogFilter.NONE);
        long start = System.nanoTime();
        LogPurgeResult result = new LogPurger(new LogSegments(dir)).run(request);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (result.linesRemoved() == 0 || new LogPurger(new LogSegments(dir)).verify(request).remaining() != 0) {
            throw new IllegalStateException("purge did not remove the hour: " + result);
        }
        return millis;
    }

    private static void generate(Path dir, int hours, long bytesPerHour) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(42);
        LogSegments segments = new LogSegments(dir);
        for (int h = 0; h < hours; h++) {
            Instant hour = START.plus(Duration.ofHours(h));
            boolean current = h == hours - 1;
            Path plain = segments.plainFile(hour);
            Path file = current ? plain : plain.resolveSibling(plain.getFileName() + ".gz");
            try (OutputStream out = new BufferedOutputStream(current ? Files.newOutputStream(file)
                    : new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
                long written = 0;
                long lines = bytesPerHour / 220;
                for (long i = 0; written < bytesPerHour; i++) {
                    Instant at = hour.plusMillis(i * 3_600_000L / lines);
                    byte[] line = line(at, random).getBytes(StandardCharsets.UTF_8);
                    out.write(line);
                    written += line.length;
                }
            }
        }
    }

    private static String line(Instant at, SplittableRandom random) {
        StringBuilder message = new StringBuilder();
        for (int w = 0; w < 6; w++) {
            message.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        message.append("id=").append(Long.toHexString(random.nextLong()));
        String level = random.nextInt(20) == 0 ? "ERROR" : "INFO";
        return "{\"timestamp\":\"" + at + "\",\"level\":\"" + level + "\",\"logger\":\"io.lethe.engine.execution."
                + WORDS[random.nextInt(WORDS.length)] + "\",\"thread\":\"vt-" + random.nextInt(64)
                + "\",\"message\":\"" + message + "\",\"correlationId\":\"" + Long.toHexString(random.nextLong())
                + "\"}\n";
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
