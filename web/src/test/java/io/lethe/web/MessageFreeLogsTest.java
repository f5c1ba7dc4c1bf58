package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.FilterReply;
import com.mongodb.MongoException;
import io.lethe.engine.testkit.RawBytes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class MessageFreeLogsTest {

    @TempDir
    Path dir;

    private final String value = "ada-" + UUID.randomUUID() + "@example.org";

    @Test
    void shouldKeepExceptionMessagesOutOfTheLogSegments() throws IOException {
        LogSetup.start(dir);
        try {
            LoggerFactory.getLogger(MessageFreeLogsTest.class).atError().setCause(failure()).log("request failed");
        } finally {
            LogSetup.stop();
        }

        assertThat(RawBytes.filesContaining(dir, value)).isEmpty();
        String stackTrace = lines().filter(line -> "request failed".equals(line.getString("message")))
                .findFirst().orElseThrow().getString("stack_trace");
        assertThatItNamesTheFailureWithoutItsMessages(stackTrace);
    }

    @Test
    void shouldLogAFailureNoThreadCaughtWithoutItsMessage() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        LogSetup.start(dir);
        try {
            LogSetup.logUncaughtFailures();
            Thread failing = Thread.ofVirtual().name("lethe-test-task").start(() -> {
                throw failure();
            });
            failing.join();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
            LogSetup.stop();
        }

        assertThat(RawBytes.filesContaining(dir, value)).isEmpty();
        JsonObject line = lines().filter(l -> "a background task failed".equals(l.getString("message"))).findFirst().orElseThrow();
        assertThat(line.getString("thread")).isEqualTo("lethe-test-task");
        assertThat(line.getString("stack_trace")).contains("java.lang.IllegalStateException " + MessageFreeThrowableConverter.WITHHELD);
    }

    @Test
    void shouldKeepExceptionMessagesOffTheConsole() throws JoranException {
        LoggerContext context = configured();
        var console = console(context);
        var logger = context.getLogger("io.lethe.test");
        var event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, "request failed", failure(), null);

        String printed = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
        context.stop();
        assertThat(printed).contains("request failed").doesNotContain(value);
        assertThatItNamesTheFailureWithoutItsMessages(printed);
    }

    @Test
    void shouldKeepLogBlockLinesOffTheConsole() throws JoranException {
        LoggerContext context = configured();
        var console = console(context);
        var block = new LoggingEvent(Logger.class.getName(), context.getLogger(ConsoleFilter.SEQUENCE_LOGGER), Level.INFO,
                "customer said " + value, null, null);
        var lethe = new LoggingEvent(Logger.class.getName(), context.getLogger("io.lethe.web.Lethe"), Level.INFO, "Lethe started",
                null, null);

        var blockReply = console.getCopyOfAttachedFiltersList().get(0).decide(block);
        var letheReply = console.getCopyOfAttachedFiltersList().get(0).decide(lethe);
        context.stop();

        assertThat(blockReply).as("a log block's line: segments only, which a log purge reaches").isEqualTo(FilterReply.DENY);
        assertThat(letheReply).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldPrintALineBreakSentInARequestAsASpaceOnTheConsole() throws JoranException {
        LoggerContext context = configured();
        var logger = context.getLogger("io.lethe.http.Problems");
        var event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "request refused: Not found", null, null);
        event.addKeyValuePair(new KeyValuePair("path", "/api/users/x\n12:00:00.000 ERROR forged line"));

        String printed = new String(console(context).getEncoder().encode(event), StandardCharsets.UTF_8);
        context.stop();

        assertThat(printed.strip()).doesNotContain("\n").contains("x 12:00:00.000 ERROR forged line");
    }

    /** A logging context set up as Lethe's own (logback.xml). */
    private static LoggerContext configured() throws JoranException {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Lethe.class.getResource("/logback.xml"));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static OutputStreamAppender<ILoggingEvent> console(LoggerContext context) {
        return (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
    }

    private RuntimeException failure() {
        var duplicate = new MongoException(11000, "E11000 duplicate key error dup key: { email: \"" + value + "\" }");
        var failure = new IllegalStateException("could not save " + value, duplicate);
        failure.addSuppressed(new IllegalArgumentException("also refused " + value));
        return failure;
    }

    private static void assertThatItNamesTheFailureWithoutItsMessages(String stackTrace) {
        assertThat(stackTrace)
                .contains("java.lang.IllegalStateException " + MessageFreeThrowableConverter.WITHHELD)
                .contains("Suppressed: java.lang.IllegalArgumentException")
                .contains("Caused by: com.mongodb.MongoException (code 11000) " + MessageFreeThrowableConverter.WITHHELD)
                .contains("at io.lethe.web.MessageFreeLogsTest.failure(MessageFreeLogsTest.java");
    }

    private Stream<JsonObject> lines() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.flatMap(file -> read(file).lines()).map(JsonObject::new).toList().stream();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
