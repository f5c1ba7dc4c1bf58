package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /** A context whose run has the given deadline; counts interrupts. */
    static final class Run implements Watchdog.Watched {
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
        public void interrupt() {
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
}
