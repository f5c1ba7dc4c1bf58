package io.lethe.engine.job;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A task run every hour from one minute after {@link #start}, on its own daemon thread: a failure is
 * logged and the next hour runs again. Closing stops it.
 */
public final class Hourly implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private Hourly(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** @param what names the thread ({@code lethe-<what>}) and the failure's log line */
    public static Hourly start(String what, Runnable task, Logger log) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("lethe-" + what).unstarted(r));
        timer.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.atError().setCause(e).log(what + " failed");
            }
        }, 1, 60, TimeUnit.MINUTES);
        return new Hourly(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
