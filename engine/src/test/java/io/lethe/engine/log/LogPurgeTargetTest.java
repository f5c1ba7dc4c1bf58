package io.lethe.engine.log;

import static io.lethe.engine.log.LogFiles.allLines;
import static io.lethe.engine.log.LogFiles.line;
import static io.lethe.engine.log.LogFiles.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.retention.PurgeCounts;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.testkit.RawBytes;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log segments as a purge target: a value purge reaches every log line that holds the value, of any hour. */
class LogPurgeTargetTest {

    @TempDir
    Path dir;

    @Test
    void shouldRemoveEveryLineHoldingAValueAsAWholeTokenInAnyHourAndKeepTheRest() {
        // given: the value in a gzipped past hour and in the current one, and words that merely contain it
        String past = line("2025-03-01T10:00:00Z", "note: call Popescu tomorrow");
        String keptPast = line("2025-03-01T10:05:00Z", "nothing to see");
        String current = line("2026-11-27T04:10:00Z", "mail to POPESCU@example.org bounced");
        String lookalike = line("2026-11-27T04:11:00Z", "popescuesque style, Popescus");
        segment(dir, "2025-03-01T10:00:00Z", true, List.of(past, keptPast));
        segment(dir, "2026-11-27T04:00:00Z", false, List.of(current, lookalike));
        LogPurgeTarget target = new LogPurgeTarget(new LogPurger(new LogSegments(dir)));
        PurgeScope scope = new PurgeScope.Value("popescu");

        // when
        long planned = target.plan(scope);
        PurgeCounts counts = target.execute(scope);

        // then
        assertThat(target.handles(scope)).isTrue();
        assertThat(planned).isEqualTo(2);
        assertThat(counts.removed()).isEqualTo(2);
        assertThat(target.verify(scope)).isZero();
        assertThat(allLines(dir)).containsExactlyInAnyOrder(keptPast, lookalike);
        assertThat(RawBytes.filesContaining(dir, "call Popescu")).isEmpty();
        assertThat(RawBytes.filesContaining(dir, "POPESCU@example.org")).isEmpty();
    }

    @Test
    void shouldRemoveTheLinesOfEveryValueOfAPurgeOfManyValuesAtOnce() {
        // given: a subject purge "everywhere" hands the logs all of a person's values at once (up to 200)
        List<String> values = IntStream.range(0, 40).mapToObj(i -> "client-" + i + "@example.org").toList();
        String first = line("2026-11-27T04:10:00Z", "mail to client-0@example.org bounced");
        String last = line("2026-11-27T04:11:00Z", "CLIENT-39@EXAMPLE.ORG signed up");
        String lookalike = line("2026-11-27T04:12:00Z", "xclient-39@example.org is someone else");
        String other = line("2026-11-27T04:13:00Z", "nothing to see");
        segment(dir, "2026-11-27T04:00:00Z", false, List.of(first, last, lookalike, other));
        LogPurgeTarget target = new LogPurgeTarget(new LogPurger(new LogSegments(dir)));
        PurgeScope scope = new PurgeScope.Value(null, values);

        // when
        long planned = target.plan(scope);
        PurgeCounts counts = target.execute(scope);

        // then
        assertThat(planned).isEqualTo(2);
        assertThat(counts.removed()).isEqualTo(2);
        assertThat(target.verify(scope)).isZero();
        assertThat(allLines(dir)).containsExactlyInAnyOrder(lookalike, other);
    }
}
