package io.lethe.engine.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.log.LogFilter;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.retention.PurgeStrategy;
import io.lethe.engine.testkit.EngineFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SafeRegexTest {

    @TempDir
    Path dir;

    /** Each of these holds a backtracking engine for hours on a long value that almost matches. */
    private static final List<String> BACKTRACKING_TRAPS = List.of("(a+)+$", "(.*a){12}$", ".*.*.*.*x", "^(\\w+\\s?)+$", "(a|aa)+$");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard: before, the first query never came back
    void shouldMatchInstancesWithPatternsThatTrapABacktrackingEngineWithoutHanging() {
        try (EngineFixture lethe = new EngineFixture(dir)) {
            lethe.model(Model.of("note", Attribute.of("text", AttributeType.STRING), Attribute.of("tag", AttributeType.STRING)));
            Instances instances = lethe.engine.instances();
            instances.create("note", Map.of("text", "a".repeat(100_000) + "!", "tag", "long"));
            instances.create("note", Map.of("text", "aaax", "tag", "short"));

            for (String trap : BACKTRACKING_TRAPS) {
                var where = Conditions.parse(Map.of("text", Map.of("regex", trap)));
                List<String> found = instances.query(new InstanceQuery("note", where, null, false, 10, null, false)).items()
                        .stream().map(i -> (String) i.data().get("tag")).toList();
                assertThat(found).as(trap).isSubsetOf("short");
                assertThat(instances.count("note", where, true)).as(trap).isEqualTo(found.size());
            }
            var x = Conditions.parse(Map.of("text", Map.of("regex", ".*.*.*.*x")));
            assertThat(instances.count("note", x, true)).isEqualTo(1);
            assertThat(lethe.engine.attributePurge().purge("note", x, Map.of("text", PurgeStrategy.NULL))
                    .overwritten()).as("a purge selects by the same patterns").isEqualTo(1);
            assertThat(instances.count("note", x, true)).isZero();
        }
    }

    @Test
    void shouldLetOrdinaryPatternsThrough() {
        for (String fine : new String[] {"^ada@", "(ab)+", "(a|b)*c", "(\\d+)-(\\d+)", "[(+*]+", "\\(a+\\)+", "a+?b*", "\\++",
                "(?<year>\\d{4})-(?<month>\\d{2})", "(?i)ada", "(?:ab){2,3}", "[a-z]{3}\\.org$", "(a+)+$", "\\p{L}+"}) {
            assertThat(SafeRegex.problem(fine)).as(fine).isEmpty();
        }
    }

    @Test
    void shouldSayPlainlyWhichBacktrackingFeaturesAreNotSupported() {
        assertThat(SafeRegex.problem("(?<=x)y+")).hasValueSatisfying(p -> assertThat(p).startsWith("lookahead and lookbehind ('(?<='"));
        assertThat(SafeRegex.problem("ada(?!n)")).hasValueSatisfying(p -> assertThat(p).startsWith("lookahead and lookbehind"));
        assertThat(SafeRegex.problem("(a)\\1")).hasValueSatisfying(p -> assertThat(p).startsWith("backreferences are not supported"));
        assertThat(SafeRegex.problem("a++b")).hasValueSatisfying(p -> assertThat(p).startsWith("possessive quantifiers"));
    }

    @Test
    void shouldRefuseWhatDoesNotCompileOrIsTooLongWithThePointerOfTheCondition() {
        assertThatThrownBy(() -> Conditions.parse(Map.of("email", Map.of("regex", "("))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/where/email/regex");
                    assertThat(err.message()).startsWith("not a regular expression");
                }));
        assertThat(SafeRegex.problem("a".repeat(SafeRegex.MAX_LENGTH + 1))).isPresent();
        assertThatThrownBy(() -> Conditions.parse(Map.of("email", Map.of("regex", "(?=a)"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer).containsExactly("/where/email/regex"));
    }

    @Test
    void shouldRefuseTheSameInALogPurgesFilter() {
        assertThatThrownBy(() -> LogFilter.regex("(?<!x)ada"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.pointer()).isEqualTo("/regex");
                    assertThat(err.message()).contains("lookbehind");
                }));
        assertThat(LogFilter.regex("ada@[a-z]+\\.org").regex()).isEqualTo("ada@[a-z]+\\.org");
    }
}
