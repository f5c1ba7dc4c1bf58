package io.lethe.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.store.Database;
import io.lethe.engine.testkit.MutableClock;
import io.lethe.engine.trigger.ScheduleTriggers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two processes sharing one database, each with its own leases; run against the embedded and a real MongoDB. */
abstract class RunLeasesContract {

    protected abstract Database open();

    Database database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    RunLeases first;
    RunLeases second;

    @BeforeEach
    void start() {
        database = open();
        database.collection(ScheduleTriggers.LEASES).drop();
        first = shared();
        second = shared();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private RunLeases shared() {
        return new RunLeases(database.collection(ScheduleTriggers.LEASES), clock, true);
    }

    @Test
    void shouldLetOneProcessRunARequestAtATime() {
        assertThat(first.claim("p1")).isTrue();

        assertThat(second.claim("p1")).as("held by the first process").isFalse();
        assertThat(first.claim("p1")).as("already running in this process").isFalse();
        assertThat(second.claim("p2")).as("another request").isTrue();
        assertThat(first.holds("p1")).isTrue();
        assertThat(second.holds("p1")).isFalse();
    }

    @Test
    void shouldKeepARenewedLeaseAndHandOverOneWhoseProcessStopped() {
        first.claim("p1");
        clock.advance(RunLeases.TTL.minusSeconds(15));
        first.renew();
        clock.advance(Duration.ofSeconds(30));
        assertThat(second.claim("p1")).as("renewed 30 s ago").isFalse();

        clock.advance(RunLeases.TTL);
        assertThat(second.claim("p1")).as("not renewed for longer than the lease lasts").isTrue();
        assertThat(first.holds("p1")).as("the stalled process learns it lost the run").isFalse();
        first.renew();
        assertThat(second.holds("p1")).as("nor does its renewal take it back").isTrue();
    }

    @Test
    void shouldFreeTheRequestWhenTheRunEnds() {
        first.claim("p1");
        first.release("p1");

        assertThat(second.claim("p1")).isTrue();
        first.release("p1");
        assertThat(second.holds("p1")).as("only the holder releases").isTrue();
    }
}
