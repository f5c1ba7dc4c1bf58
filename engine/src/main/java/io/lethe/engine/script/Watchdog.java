package io.lethe.engine.script;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts script runs past their deadline. A run only writes its deadline into its context
 * (two volatile writes), and one thread looks at every context each {@link #TICK_MS} ms. A timer
 * task per run would cost a queue insertion per run and keep every cancelled task alive until its
 * delay ran out (tens of thousands at high rates, each surviving young collections). Each
 * interrupt runs on a thread of its own, so a context slow to stop never delays the others.
 */
final class Watchdog implements AutoCloseable {

    /** How often deadlines are checked: a run may overrun its limit by up to this much. */
    static final long TICK_MS = 10;

    /** A context a run may be going on in. */
    interface Watched {
        /** {@link System#nanoTime()} past which the current run must stop; {@link #IDLE} when none runs. */
        long deadline();

        /** Stops the current run; may block until it has stopped (called on an interrupter thread). */
        void interrupt();
    }

    static final long IDLE = Long.MAX_VALUE;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    /** Contexts whose interrupt is under way: not interrupted again until it returns. */
    private final Set<Watched> interrupting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lethe-script-watchdog").unstarted(r));
    private final ExecutorService interrupters = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("lethe-script-interrupt-", 0).factory());

    Watchdog() {
        thread.scheduleWithFixedDelay(this::check, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void watch(Watched context) {
        watched.add(context);
    }

    void forget(Watched context) {
        watched.remove(context);
    }

    /** How many contexts are watched (each pooled context is, from creation until closed). */
    int watching() {
        return watched.size();
    }

    private void check() {
        long now = System.nanoTime();
        for (Watched context : watched) {
            long deadline = context.deadline();
            if (deadline != IDLE && now - deadline > 0 && interrupting.add(context)) {
                interrupters.execute(() -> {
                    try {
                        if (context.deadline() == deadline) { // still the same run: not one that started since
                            context.interrupt();
                        }
                    } finally {
                        interrupting.remove(context);
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        interrupters.shutdownNow();
    }
}
