package io.lethe.engine.log;

import java.util.function.Supplier;

/**
 * Keeps the log writer away from the segment files while a purge reads or rewrites one. With a
 * running server it is the appender's lock ({@code appender::withSegmentsLocked}); offline, with the
 * server stopped, nobody writes and {@link #NONE} does.
 */
@FunctionalInterface
public interface SegmentLock {

    SegmentLock NONE = new SegmentLock() {
        @Override
        public <T> T locked(Supplier<T> action) {
            return action.get();
        }
    };

    /** Runs {@code action} while no log line is appended, and returns its result. */
    <T> T locked(Supplier<T> action);

    static SegmentLock of(HourlySegmentAppender appender) {
        return appender::withSegmentsLocked;
    }
}
