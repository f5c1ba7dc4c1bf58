package io.lethe.engine.script;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts script runs past their deadline or their memory budget. A run only writes its thread and
 * deadline into its context, and one thread looks at every context each {@link #TICK_MS} ms. A timer
 * task per run would cost a queue insertion per run and keep every cancelled task alive until its
 * delay ran out (tens of thousands at high rates, each surviving young collections). Each
 * interrupt runs on a thread of its own, so a context slow to stop never delays the others.
 *
 * <p>Memory: GraalJS (community edition) has no heap limit per context, and a script filling typed arrays
 * allocates gigabytes a second, enough for a few runs at once to exhaust the heap within their time limit.
 * A run seen going on at two checks in a row is stopped once its thread allocated more than the budget
 * since the first of them (the thread's allocation counter: bytes allocated, garbage included). Runs shorter
 * than a tick are never measured, so the hot path pays nothing for it.
 */
final class Watchdog implements AutoCloseable {

    /** How often deadlines are checked: a run may overrun its limit by up to this much. */
    static final long TICK_MS = 10;

    /** A context a run may be going on in. */
    interface Watched {
        /** {@link System#nanoTime()} past which the current run must stop; {@link #IDLE} when none runs. */
        long deadline();

        /** Id of the thread running the current run (meaningful while {@link #deadline()} is not idle). */
        long runner();

        /** Stops the current run; may block until it has stopped (called on an interrupter thread). */
        void interrupt(Stop why);
    }

    /** Why a run was stopped. */
    enum Stop { TIME, MEMORY }

    static final long IDLE = Long.MAX_VALUE;

    /** Allocation counter of a run's thread when the run was first seen. */
    private record Seen(long deadline, long allocated) {
    }

    private final long memoryBudget;
    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Watched, Seen> seen = new ConcurrentHashMap<>();

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    /** Contexts whose interrupt is under way: not interrupted again until it returns. */
    private final Set<Watched> interrupting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lethe-script-watchdog").unstarted(r));
    private final ExecutorService interrupters = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("lethe-script-interrupt-", 0).factory());

    /** Without a memory budget. */
    Watchdog() {
        this(Long.MAX_VALUE);
    }

    /** @param memoryBudget bytes one run's thread may allocate ({@link Long#MAX_VALUE}: no limit) */
    Watchdog(long memoryBudget) {
        this.memoryBudget = memoryBudget;
        thread.scheduleWithFixedDelay(this::check, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void watch(Watched context) {
        watched.add(context);
    }

    void forget(Watched context) {
        watched.remove(context);
        seen.remove(context);
    }

    /** How many contexts are watched (each pooled context is, from creation until closed). */
    int watching() {
        return watched.size();
    }

    private void check() {
        long now = System.nanoTime();
        for (Watched context : watched) {
            long deadline = context.deadline();
            if (deadline == IDLE) {
                continue;
            }
            Stop why = now - deadline > 0 ? Stop.TIME : overBudget(context, deadline) ? Stop.MEMORY : null;
            if (why != null && interrupting.add(context)) {
                interrupters.execute(() -> {
                    try {
                        if (context.deadline() == deadline) { // still the same run: not one that started since
                            context.interrupt(why);
                        }
                    } finally {
                        interrupting.remove(context);
                    }
                });
            }
        }
    }

    private boolean overBudget(Watched context, long deadline) {
        if (memoryBudget == Long.MAX_VALUE) {
            return false;
        }
        long allocated = threads.getThreadAllocatedBytes(context.runner());
        Seen first = seen.get(context);
        if (first == null || first.deadline() != deadline) { // a run not seen before: measured from now on
            seen.put(context, new Seen(deadline, allocated));
            return false;
        }
        return allocated - first.allocated() > memoryBudget;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        interrupters.shutdownNow();
    }
}
