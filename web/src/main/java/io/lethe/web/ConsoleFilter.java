package io.lethe.web;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the lines of {@code log} blocks off the console. They carry what a designer chose to log, redacted but maybe
 * personal still (a value under a key no model marks personal), and the console ends where Lethe cannot purge it
 * (a terminal, journald, a container's log); they go to the log segments, which a log purge reaches.
 */
public final class ConsoleFilter extends Filter<ILoggingEvent> {

    /** The logger of {@code log} blocks. */
    static final String SEQUENCE_LOGGER = "io.lethe.sequence";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLoggerName().startsWith(SEQUENCE_LOGGER) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
