package io.lethe.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordSamplerTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.000Z");

    @Test
    void shouldLetABurstThroughAfterAQuietSpellThenNothingUntilTheRateAllows() {
        RecordSampler sampler = new RecordSampler(50); // an item every 20 ms, a second's worth at once

        assertThat(allowedAt(sampler, "s", T0, 100)).isEqualTo(50);
        assertThat(sampler.allow("s", T0.plusMillis(19))).isFalse(); // the burst took the slots of the next second
        assertThat(sampler.allow("s", T0.plusMillis(20))).isTrue(); // then one every 20 ms
        assertThat(sampler.allow("s", T0.plusMillis(39))).isFalse();
        assertThat(sampler.allow("s", T0.plusMillis(40))).isTrue();
    }

    @Test
    void shouldSpreadTheSampleOverTheSecondUnderSteadyLoad() {
        RecordSampler sampler = new RecordSampler(50);
        int[] perTenth = new int[10];
        // 1 000 runs a second for three seconds; count what passes in each tenth of the last second
        for (int ms = 0; ms < 3_000; ms++) {
            if (sampler.allow("s", T0.plusMillis(ms)) && ms >= 2_000) {
                perTenth[(ms - 2_000) / 100]++;
            }
        }
        assertThat(perTenth).containsOnly(5); // 50 a second, 5 in every tenth of it: not 50 in the first millisecond
    }

    @Test
    void shouldNeverLetMoreThanTwoSecondsWorthThroughInOne() {
        RecordSampler sampler = new RecordSampler(50);
        int passed = 0;
        for (int us = 0; us < 1_000_000; us += 50) { // 20 000 a second
            if (sampler.allow("s", T0.plus(Duration.ofNanos(us * 1_000L)))) {
                passed++;
            }
        }
        assertThat(passed).isBetween(50, 2 * 50); // the burst, then the steady rate
    }

    @Test
    void shouldKeepEachSequencesRateApart() {
        RecordSampler sampler = new RecordSampler(1);
        assertThat(sampler.allow("a", T0)).isTrue();
        assertThat(sampler.allow("a", T0.plusMillis(999))).isFalse();
        assertThat(sampler.allow("b", T0)).isTrue();
        assertThat(sampler.allow("a", T0.plusMillis(1000))).isTrue();
    }

    @Test
    void shouldLetEverythingThroughBelowTheRate() {
        RecordSampler sampler = new RecordSampler(50);
        assertThat(allowedEvery(sampler, Duration.ofMillis(20), 200)).isEqualTo(200);
    }

    @Test
    void shouldRefuseARateBelowOne() {
        assertThatThrownBy(() -> new RecordSampler(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int allowedAt(RecordSampler sampler, String sequence, Instant at, int tries) {
        int passed = 0;
        for (int i = 0; i < tries; i++) {
            passed += sampler.allow(sequence, at) ? 1 : 0;
        }
        return passed;
    }

    private static int allowedEvery(RecordSampler sampler, Duration step, int tries) {
        int passed = 0;
        for (int i = 0; i < tries; i++) {
            passed += sampler.allow("s", T0.plus(step.multipliedBy(i))) ? 1 : 0;
        }
        return passed;
    }
}
