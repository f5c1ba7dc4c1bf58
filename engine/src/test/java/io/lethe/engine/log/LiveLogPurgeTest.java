package io.lethe.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.lethe.engine.testkit.RawBytes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purge of the segment being written, through a real appender and its lock. */
class LiveLogPurgeTest {

    private static final String CANARY = "canary-live-51c2";
    private static final Instant HOUR = Instant.parse("2026-11-25T16:00:00Z");

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private HourlySegmentAppender appender;

    @AfterEach
    void stop() {
        appender.stop();
    }

    @Test
    void shouldLoseNoLineAppendedWhilePurgesRewriteTheCurrentSegment() throws Exception {
        // given a current segment with lines to forget, and a thread that keeps logging
        start();
        for (int i = 0; i < 500; i++) {
            log(HOUR.plusMillis(i), i % 2 == 0 ? "user " + CANARY + " #" + i : "early #" + i);
        }
        CountDownLatch purging = new CountDownLatch(1);
        SegmentLock appenderLock = SegmentLock.of(appender);
        SegmentLock lock = new SegmentLock() {
            @Override
            public <T> T locked(Supplier<T> action) {
                return appenderLock.locked(() -> {
                    purging.countDown();
                    return action.get();
                });
            }
        };
        LogPurger purger = new LogPurger(appender.segments(), lock);
        LogPurgeRequest request = new LogPurgeRequest(LogRange.between(HOUR, HOUR.plus(LogSegment.LENGTH)),
                LogFilter.matching(CANARY));
        int appended = 3000;
        Thread writer = Thread.ofPlatform().start(() -> {
            awaitQuietly(purging);
            for (int i = 0; i < appended; i++) {
                log(HOUR.plusSeconds(60).plusMillis(i), "late #" + i);
            }
        });

        // when purges run while the writer appends (it starts once the first purge holds the lock)
        int purges = 0;
        while (writer.isAlive() || purges == 0) {
            purger.run(request);
            purges++;
        }
        writer.join();
        purger.run(request);

        // then every appended line is there exactly once and the canary is gone
        List<String> lines = LogFiles.allLines(dir);
        for (int i = 0; i < appended; i++) {
            String expected = "\"late #" + i + "\"";
            assertThat(lines.stream().filter(l -> l.contains(expected)).count())
                    .as("line %d", i).isEqualTo(1);
        }
        assertThat(lines).hasSize(appended + 250);
        assertThat(RawBytes.filesContaining(dir, CANARY)).isEmpty();
        assertThat(purger.verify(request).remaining()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("{\"timestamp\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC}\",\"level\":\"%level\","
                + "\"logger\":\"%logger\",\"message\":\"%msg\"}%n");
        encoder.start();
        appender = new HourlySegmentAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setDirectory(dir.toString());
        appender.setClock(Clock.fixed(HOUR, ZoneOffset.UTC));
        appender.start();
    }

    private void log(Instant at, String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(context);
        event.setLoggerName("io.lethe.live");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setInstant(at);
        appender.doAppend(event);
    }
}
