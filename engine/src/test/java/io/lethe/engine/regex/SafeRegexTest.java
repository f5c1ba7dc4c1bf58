package io.lethe.engine.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.log.LogFilter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeRegexTest {

    @Test
    void shouldRefuseRepeatedGroupsThatHoldAQuantifier() {
        for (String slow : new String[] {"(a+)+$", "(.*a){12}$", "^(\\d+)*x", "(?:a*b?)+", "(x|(a+))*", "((ab)*c)+", "(?i)(a+)+"}) {
            assertThat(SafeRegex.problem(slow)).as(slow).hasValueSatisfying(p -> assertThat(p).contains("exponential"));
        }
    }

    @Test
    void shouldLetOrdinaryPatternsThrough() {
        for (String fine : new String[] {"^ada@", "(ab)+", "(a|b)*c", "(\\d+)-(\\d+)", "[(+*]+", "\\(a+\\)+", "a+?b*",
                "(?<year>\\d{4})-(?<month>\\d{2})", "(?i)ada", "(?<=x)y+", "(?:ab){2,3}", "[a-z]{3}\\.org$"}) {
            assertThat(SafeRegex.problem(fine)).as(fine).isEmpty();
        }
    }

    @Test
    void shouldRefuseWhatDoesNotCompileOrIsTooLongWithThePointerOfTheCondition() {
        assertThatThrownBy(() -> Conditions.parse(Map.of("email", Map.of("regex", "("))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/where/email/regex");
                    assertThat(err.message()).startsWith("not a regular expression");
                }));
        assertThat(SafeRegex.problem("a".repeat(SafeRegex.MAX_LENGTH + 1))).isPresent();
        assertThatThrownBy(() -> Conditions.parse(Map.of("email", Map.of("regex", "(.*a){12}$"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer).containsExactly("/where/email/regex"));
    }

    @Test
    void shouldRefuseTheSameInALogPurgesFilter() { // log lines hold what callers sent, and a purge must not hang on one
        assertThatThrownBy(() -> LogFilter.regex("(\\w+\\s?)+$"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/regex");
                    assertThat(err.message()).contains("exponential");
                }));
        assertThat(LogFilter.regex("ada@[a-z]+\\.org").regex()).isEqualTo("ada@[a-z]+\\.org");
    }
}
