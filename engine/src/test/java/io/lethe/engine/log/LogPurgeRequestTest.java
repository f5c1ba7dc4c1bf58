package io.lethe.engine.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPurgeRequestTest {

    @Test
    void shouldTurnAroundAndWindowIntoAHalfOpenRange() {
        // when
        LogPurgeRequest request = LogPurgeRequest.parse(null, null, "2026-11-25T14:05:00Z", "10m", null);

        // then
        assertThat(request.range()).isEqualTo(new LogRange(Instant.parse("2026-11-25T13:55:00Z"),
                Instant.parse("2026-11-25T14:15:00Z")));
        assertThat(request.filter().isEmpty()).isTrue();
        assertThat(request.range().contains(Instant.parse("2026-11-25T14:15:00Z"))).isFalse();
    }

    @Test
    void shouldReadInstantsWithoutAnOffsetAsUtcAndIsoDurations() {
        // when
        LogPurgeRequest request = LogPurgeRequest.parse(null, null, "2026-11-25T14:05", "PT90S", null);

        // then
        assertThat(request.range().from()).isEqualTo(Instant.parse("2026-11-25T14:03:30Z"));
    }

    @Test
    void shouldReportEveryBadBoundWithItsPointer() {
        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> LogPurgeRequest.parse("yesterday", null, null, null, null));

        // then
        assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/from", "/to");
    }

    @Test
    void shouldRefuseARangeThatEndsBeforeItStarts() {
        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> LogPurgeRequest.parse("2026-11-25T14:00:00Z", "2026-11-25T14:00:00Z", null, null, null));

        // then
        assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/to");
    }

    @Test
    void shouldRefuseBothWaysOfGivingTheRangeAndABadWindow() {
        // when
        InvalidInputException both = catchThrowableOfType(InvalidInputException.class,
                () -> LogPurgeRequest.parse("2026-11-25T14:00:00Z", null, "2026-11-25T14:00:00Z", null, null));
        InvalidInputException window = catchThrowableOfType(InvalidInputException.class,
                () -> LogPurgeRequest.parse(null, null, "2026-11-25T14:00:00Z", "0s", null));
        InvalidInputException none = catchThrowableOfType(InvalidInputException.class,
                () -> LogPurgeRequest.parse(null, null, null, null, null));

        // then
        assertThat(both.errors()).extracting(FieldError::pointer).containsExactly("/around");
        assertThat(window.errors()).extracting(FieldError::pointer).containsExactly("/window");
        assertThat(none.errors()).extracting(FieldError::pointer).containsExactly("/from");
    }

    @Test
    void shouldRefuseABadRegexABlankValueAndAnUnknownLevel() {
        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new LogFilter(" ", "([a-z", "LOUD", null, null));

        // then
        assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/match", "/regex", "/level");
    }
}
