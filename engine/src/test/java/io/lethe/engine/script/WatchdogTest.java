package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /** A context whose run has the given deadline; counts interrupts. */
    static class Run implements Watchdog.Watched {
        volatile long deadline;
        final AtomicInteger interrupts = new AtomicInteger();
        final CountDownLatch interrupted = new CountDownLatch(1);

        Run(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public long runner() {
            return Thread.currentThread().threadId();
        }

        @Override
        public void interrupt(Watchdog.Stop why) {
            interrupts.incrementAndGet();
            deadline = Watchdog.IDLE; // as a run does when it ends
            interrupted.countDown();
        }
    }

    @Test
    void shouldInterruptOnlyRunsPastTheirDeadline() throws Exception {
        try (Watchdog watchdog = new Watchdog()) {
            long now = System.nanoTime();
            Run overdue = new Run(now + TimeUnit.MILLISECONDS.toNanos(30));
            Run inTime = new Run(now + TimeUnit.SECONDS.toNanos(60));
            Run idle = new Run(Watchdog.IDLE);
            Run forgotten = new Run(now);
            watchdog.watch(overdue);
            watchdog.watch(inTime);
            watchdog.watch(idle);
            watchdog.watch(forgotten);
            watchdog.forget(forgotten);

            assertThat(overdue.interrupted.await(2, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(5 * Watchdog.TICK_MS);

            assertThat(overdue.interrupts).hasValue(1);
            assertThat(inTime.interrupts).hasValue(0);
            assertThat(idle.interrupts).hasValue(0);
            assertThat(forgotten.interrupts).hasValue(0);
            assertThat(watchdog.watching()).isEqualTo(3);
        }
    }

    @Test
    void shouldStopARunWhoseThreadAllocatesPastTheBudgetButNotAQuietOne() throws Exception {
        Thread allocating = Thread.ofPlatform().daemon().start(() -> {
            byte[][] kept = new byte[8][];
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                kept[i % kept.length] = new byte[1 << 20];
            }
        });
        Thread quiet = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long far = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        AtomicReference<Watchdog.Stop> why = new AtomicReference<>();
        Run hog = new Run(far) {
            @Override
            public long runner() {
                return allocating.threadId();
            }

            @Override
            public void interrupt(Watchdog.Stop stop) {
                why.set(stop);
                super.interrupt(stop);
            }
        };
        Run calm = new Run(far) {
            @Override
            public long runner() {
                return quiet.threadId();
            }
        };
        try (Watchdog watchdog = new Watchdog(16 * 1024 * 1024)) {
            watchdog.watch(hog);
            watchdog.watch(calm);

            assertThat(hog.interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(5 * Watchdog.TICK_MS);

            assertThat(why.get()).isEqualTo(Watchdog.Stop.MEMORY);
            assertThat(calm.interrupts).hasValue(0);
        } finally {
            allocating.interrupt();
            quiet.interrupt();
        }
    }

    @Test
    void shouldNotLetAContextSlowToStopHoldUpTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Watchdog watchdog = new Watchdog()) {
            long now = System.nanoTime();
            Run stuck = new Run(now) {
                @Override
                public void interrupt(Watchdog.Stop why) {
                    interrupts.incrementAndGet();
                    try {
                        release.await(); // as a context that does not stop at once
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            watchdog.watch(stuck);
            while (stuck.interrupts.get() == 0) {
                Thread.sleep(1);
            }
            Run next = new Run(System.nanoTime());
            watchdog.watch(next);

            assertThat(next.interrupted.await(2, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(5 * Watchdog.TICK_MS);
            assertThat(stuck.interrupts).as("not interrupted again while its interrupt is under way").hasValue(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldNotInterruptARunThatStartedAfterTheOverdueOneEnded() throws Exception {
        try (Watchdog watchdog = new Watchdog()) {
            AtomicInteger reads = new AtomicInteger();
            long overdue = System.nanoTime();
            long next = overdue + TimeUnit.SECONDS.toNanos(60);
            // The first look sees the overdue run; by the time its interrupt starts, the context
            // is running the next request, whose deadline is far away.
            Run reused = new Run(overdue) {
                @Override
                public long deadline() {
                    return reads.getAndIncrement() == 0 ? overdue : next;
                }
            };
            watchdog.watch(reused);

            while (reads.get() < 3) {
                Thread.sleep(1);
            }
            Thread.sleep(5 * Watchdog.TICK_MS);

            assertThat(reused.interrupts).hasValue(0);
        }
    }
}
