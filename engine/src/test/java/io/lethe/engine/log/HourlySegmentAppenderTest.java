package io.lethe.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourlySegmentAppenderTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private HourlySegmentAppender appender;

    @AfterEach
    void stop() {
        appender.stop();
    }

    @Test
    void shouldWriteEachLineToTheSegmentOfItsHour() throws IOException {
        start("2026-11-25T15:59:00Z");

        log("2026-11-25T15:59:59.999Z", "last of fifteen");
        log("2026-11-25T16:00:00.000Z", "first of sixteen");

        assertThat(read(dir.resolve("lethe-2026-11-25T15.jsonl"))).isEqualTo("last of fifteen\n");
        assertThat(read(dir.resolve("lethe-2026-11-25T16.jsonl"))).isEqualTo("first of sixteen\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("lines may hold personal data")
                .isEqualTo("rwx------");
    }

    @Test
    void shouldPutALateLineIntoItsOwnHourAndGzipThatHourAfterTheGrace() throws IOException {
        start("2026-11-25T15:59:00Z");
        log("2026-11-25T15:59:59.990Z", "a");
        log("2026-11-25T16:00:00.001Z", "b");
        log("2026-11-25T15:59:59.995Z", "late from another thread");
        assertThat(read(dir.resolve("lethe-2026-11-25T15.jsonl"))).isEqualTo("a\nlate from another thread\n");

        log("2026-11-25T16:00:11Z", "after the grace");

        assertThat(dir.resolve("lethe-2026-11-25T15.jsonl")).doesNotExist();
        assertThat(gunzip(dir.resolve("lethe-2026-11-25T15.jsonl.gz"))).isEqualTo("a\nlate from another thread\n");
        assertThat(read(dir.resolve("lethe-2026-11-25T16.jsonl"))).isEqualTo("b\nafter the grace\n");
    }

    @Test
    void shouldGzipSegmentsOfPastHoursLeftPlainByACrash() throws IOException {
        Files.writeString(dir.resolve("lethe-2026-11-25T13.jsonl"), "old\n");
        Files.writeString(dir.resolve("lethe-2026-11-25T16.jsonl"), "current\n");

        start("2026-11-25T16:30:00Z");

        assertThat(gunzip(dir.resolve("lethe-2026-11-25T13.jsonl.gz"))).isEqualTo("old\n");
        assertThat(dir.resolve("lethe-2026-11-25T13.jsonl")).doesNotExist();
        assertThat(dir.resolve("lethe-2026-11-25T16.jsonl")).exists();
    }

    @Test
    void shouldReopenTheCurrentSegmentAfterItWasLockedForARewrite() throws IOException {
        start("2026-11-25T16:00:00Z");
        log("2026-11-25T16:01:00Z", "before");

        appender.withSegmentsLocked(() -> {
            try {
                Files.writeString(dir.resolve("lethe-2026-11-25T16.jsonl"), "rewritten\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        log("2026-11-25T16:02:00Z", "after");

        assertThat(read(dir.resolve("lethe-2026-11-25T16.jsonl"))).isEqualTo("rewritten\nafter\n");
    }

    @Test
    void shouldStillGzipAnHourLockedForARewriteOnceItIsPast() throws IOException {
        start("2026-11-25T16:00:00Z");
        log("2026-11-25T16:01:00Z", "before");

        appender.withSegmentsLocked(() -> null); // a log purge's plan or run, no line after it in that hour
        log("2026-11-25T17:01:00Z", "next hour");
        log("2026-11-25T18:01:00Z", "one more"); // past the grace

        assertThat(gunzip(dir.resolve("lethe-2026-11-25T16.jsonl.gz"))).isEqualTo("before\n");
        assertThat(dir.resolve("lethe-2026-11-25T16.jsonl")).doesNotExist();
    }

    private void start(String now) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender = new HourlySegmentAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setDirectory(dir.toString());
        appender.setClock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        appender.start();
        assertThat(appender.isStarted()).isTrue();
    }

    private void log(String at, String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(context);
        event.setLoggerName("test");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setInstant(Instant.parse(at));
        appender.doAppend(event);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
