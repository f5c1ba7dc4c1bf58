package io.lethe.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.lethe.engine.log.HourlySegmentAppender;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Sends every log event, as one JSON line, to the hourly segments under {@code <data>/logs}.
 * Done in code rather than logback.xml because the directory is only known after the flags are read.
 */
public final class LogSetup {

    static final String APPENDER = "segments";

    private LogSetup() {
    }

    public static HourlySegmentAppender start(Path directory) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) instanceof HourlySegmentAppender running) {
            return running;
        }
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setTimeZone("UTC");
        encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        encoder.getFieldNames().setTimestamp("timestamp");
        encoder.getFieldNames().setLogger("logger");
        encoder.getFieldNames().setThread("thread");
        encoder.getFieldNames().setLevelValue("[ignore]");
        encoder.getFieldNames().setVersion("[ignore]");
        encoder.setThrowableConverter(new MessageFreeThrowableConverter());
        encoder.start();

        HourlySegmentAppender appender = new HourlySegmentAppender();
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setDirectory(directory.toString());
        appender.start();
        root.addAppender(appender);
        return appender;
    }

    /**
     * Sends a failure no thread caught to the log (the console and the segments, message withheld) instead of the JVM's
     * default, which prints it whole to standard error, message and all, past the redaction.
     */
    public static void logUncaughtFailures() {
        // runs on the failing thread, whose name every line carries already
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> LoggerFactory.getLogger(LogSetup.class).atError()
                .setCause(failure).log("a background task failed"));
    }

    /** Detaches and closes the segment appender (tests start several servers in one JVM). */
    public static void stop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(APPENDER);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
