package io.lethe.engine.log;

import static io.lethe.engine.log.LogFiles.allLines;
import static io.lethe.engine.log.LogFiles.line;
import static io.lethe.engine.log.LogFiles.lines;
import static io.lethe.engine.log.LogFiles.range;
import static io.lethe.engine.log.LogFiles.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPurgerTest {

    @TempDir
    Path dir;

    private LogPurger purger() {
        return new LogPurger(new LogSegments(dir));
    }

    @Test
    void shouldRemoveALineAtFromAndKeepALineAtToExactToTheMillisecond() {
        // given
        String before = line("2026-11-25T14:04:59.999Z", "just before");
        String atFrom = line("2026-11-25T14:05:00.000Z", "at from");
        String inside = line("2026-11-25T14:09:59.999Z", "last inside");
        String atTo = line("2026-11-25T14:10:00.000Z", "at to");
        Path file = segment(dir, "2026-11-25T14:00:00Z", true, List.of(before, atFrom, inside, atTo));

        // when
        LogPurgeResult result = purger().run(range("2026-11-25T14:05:00Z", "2026-11-25T14:10:00Z", LogFilter.NONE));

        // then
        assertThat(lines(file)).containsExactly(before, atTo);
        assertThat(result.linesRemoved()).isEqualTo(2);
        assertThat(result.segmentsRewritten()).isEqualTo(1);
        assertThat(result.segmentsDeleted()).isZero();
    }

    @Test
    void shouldDeleteWholeSegmentsInsideTheRangeAndRewriteTheGzippedAndCurrentBoundaries() {
        // given
        Path h13 = segment(dir, "2026-11-25T13:00:00Z", true,
                List.of(line("2026-11-25T13:10:00Z", "a"), line("2026-11-25T13:40:00Z", "b")));
        Path h14 = segment(dir, "2026-11-25T14:00:00Z", true, List.of(line("2026-11-25T14:10:00Z", "c")));
        Path h15 = segment(dir, "2026-11-25T15:00:00Z", true, List.of(line("2026-11-25T15:10:00Z", "d")));
        Path h16 = segment(dir, "2026-11-25T16:00:00Z", false,
                List.of(line("2026-11-25T16:10:00Z", "e"), line("2026-11-25T16:40:00Z", "f")));

        LogPurgeRequest request = range("2026-11-25T13:30:00Z", "2026-11-25T16:30:00Z", LogFilter.NONE);

        // when
        LogPreview preview = purger().preview(request, 0);
        LogPurgeResult result = purger().run(request);

        // then
        assertThat(preview).extracting(LogPreview::lines, LogPreview::segmentsDeleted, LogPreview::segmentsRewritten,
                LogPreview::bytesAffected).containsExactly(4L, 2L, 2L, result.bytesBefore());
        assertThat(h14).doesNotExist();
        assertThat(h15).doesNotExist();
        assertThat(lines(h13)).containsExactly(line("2026-11-25T13:10:00Z", "a"));
        assertThat(lines(h16)).containsExactly(line("2026-11-25T16:40:00Z", "f"));
        assertThat(result).extracting(LogPurgeResult::linesRemoved, LogPurgeResult::segmentsDeleted,
                LogPurgeResult::segmentsRewritten).containsExactly(4L, 2L, 2L);
        assertThat(result.bytesAfter()).isPositive().isLessThan(result.bytesBefore());
        assertThat(purger().verify(request).remaining()).isZero();
    }

    @Test
    void shouldRemoveOnlyLinesMatchingTheValueWhateverItsCaseOrEscaping() {
        // given
        String plain = line("2026-11-25T14:05:00Z", "mail to ALICE@example.com failed");
        String structured = line("2026-11-25T14:06:00Z", "INFO", "io.lethe.mail", null, "sent",
                Map.of("to", "Alice@Example.com"));
        String escaped = line("2026-11-25T14:07:00Z", "customer O\"Brien called");
        String other = line("2026-11-25T14:08:00Z", "unrelated");
        String outside = line("2026-11-25T14:30:00Z", "alice@example.com again, later");
        Path file = segment(dir, "2026-11-25T14:00:00Z", true, List.of(plain, structured, escaped, other, outside));

        // when
        purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T14:20:00Z", LogFilter.matching("alice@EXAMPLE.com")));
        purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T14:20:00Z", LogFilter.matching("o\"brien")));

        // then
        assertThat(lines(file)).containsExactly(other, outside);
    }

    @Test
    void shouldRemoveLinesMatchingARegex() {
        // given
        String card = line("2026-11-25T14:05:00Z", "card 4111-1111-1111-1111 declined");
        String noCard = line("2026-11-25T14:06:00Z", "order 42 declined");
        Path file = segment(dir, "2026-11-25T14:00:00Z", false, List.of(card, noCard));

        // when
        LogPurgeResult result = purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z",
                LogFilter.regex("\\d{4}-\\d{4}-\\d{4}-\\d{4}")));

        // then
        assertThat(lines(file)).containsExactly(noCard);
        assertThat(result.linesRemoved()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a hang guard: a backtracking engine took hours on this line
    void shouldMatchALongLineAgainstAPatternThatTrapsABacktrackingEngine() {
        // given
        String trap = line("2026-11-25T14:05:00Z", "a".repeat(100_000) + "!");
        String hit = line("2026-11-25T14:06:00Z", "aaaa");
        Path file = segment(dir, "2026-11-25T14:00:00Z", false, List.of(trap, hit));

        // when
        LogPurgeResult result = purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", LogFilter.regex("\"(a+)+\"")));

        // then
        assertThat(lines(file)).containsExactly(trap);
        assertThat(result.linesRemoved()).isEqualTo(1);
    }

    @Test
    void shouldFilterByLevelLoggerAndCorrelationId() {
        // given
        String hit = line("2026-11-25T14:05:00Z", "ERROR", "io.lethe.web.Http", "req-1", "boom", Map.of());
        String otherLevel = line("2026-11-25T14:05:01Z", "INFO", "io.lethe.web.Http", "req-1", "ok", Map.of());
        String otherLogger = line("2026-11-25T14:05:02Z", "ERROR", "io.lethe.webhooks.X", "req-1", "boom", Map.of());
        String otherRequest = line("2026-11-25T14:05:03Z", "ERROR", "io.lethe.web", "req-2", "boom", Map.of());
        Path file = segment(dir, "2026-11-25T14:00:00Z", true, List.of(hit, otherLevel, otherLogger, otherRequest));

        // when
        purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z",
                new LogFilter(null, null, "error", "io.lethe.web", "req-1")));

        // then
        assertThat(lines(file)).containsExactly(otherLevel, otherLogger, otherRequest);
    }

    @Test
    void shouldPreviewExactlyWhatTheRunThenDoesWithoutChangingAByte() throws Exception {
        // given
        segment(dir, "2026-11-25T13:00:00Z", true, List.of(line("2026-11-25T13:50:00Z", "bob@example.com logged in"),
                line("2026-11-25T13:51:00Z", "nothing")));
        segment(dir, "2026-11-25T14:00:00Z", true, List.of(line("2026-11-25T14:05:00Z", "bob@example.com again")));
        segment(dir, "2026-11-25T15:00:00Z", false, List.of(line("2026-11-25T15:05:00Z", "nothing either")));
        LogPurgeRequest request = range("2026-11-25T13:30:00Z", "2026-11-25T16:00:00Z",
                LogFilter.matching("bob@example.com"));
        List<String> before = allLines(dir);
        long bytes = Files.size(dir.resolve("lethe-2026-11-25T13.jsonl.gz"));

        // when
        LogPreview preview = purger().preview(request, 10);
        List<String> afterPreview = allLines(dir);
        long bytesAfterPreview = Files.size(dir.resolve("lethe-2026-11-25T13.jsonl.gz"));
        LogPurgeResult result = purger().run(request);

        // then
        assertThat(afterPreview).isEqualTo(before);
        assertThat(bytesAfterPreview).isEqualTo(bytes);
        assertThat(preview.lines()).isEqualTo(result.linesRemoved()).isEqualTo(2);
        assertThat(preview.segmentsDeleted()).isEqualTo(result.segmentsDeleted()).isEqualTo(1);
        assertThat(preview.segmentsRewritten()).isEqualTo(result.segmentsRewritten()).isEqualTo(1);
        assertThat(preview.bytesAffected()).isEqualTo(result.bytesBefore());
        assertThat(preview.skippedLines()).isEqualTo(result.skippedLines());
        assertThat(preview.samples()).extracting(LogSample::message)
                .containsExactly("*** logged in", "*** again");
    }

    @Test
    void shouldMaskTheWholeMessageOfSamplesWhenTheFilterSearchesNoText() {
        // given
        segment(dir, "2026-11-25T14:00:00Z", true, List.of(line("2026-11-25T14:05:00Z", "carol lives at 1 Main St")));

        // when
        LogPreview preview = purger().preview(range("2026-11-25T14:00:00Z", "2026-11-25T14:10:00Z",
                LogFilter.NONE), 5);

        // then
        assertThat(preview.samples()).singleElement().satisfies(s -> {
            assertThat(s.message()).isEqualTo("***");
            assertThat(s.level()).isEqualTo("INFO");
            assertThat(s.timestamp()).hasToString("2026-11-25T14:05:00Z");
        });
    }

    @Test
    void shouldKeepAndReportLinesWhoseTimestampCannotBeRead() {
        // given
        String broken = "{\"timestamp\":\"yesterday\",\"message\":\"dave@example.com\"}";
        String notJson = "dave@example.com half a line";
        String good = line("2026-11-25T14:05:00Z", "dave@example.com");
        Path file = segment(dir, "2026-11-25T14:00:00Z", true, List.of(broken, notJson, good));
        LogPurgeRequest request = range("2026-11-25T14:00:00Z", "2026-11-25T14:30:00Z",
                LogFilter.matching("dave@example.com"));

        // when
        LogPreview preview = purger().preview(request, 0);
        LogPurgeResult result = purger().run(request);

        // then
        assertThat(lines(file)).containsExactly(broken, notJson);
        assertThat(preview.skippedLines()).isEqualTo(result.skippedLines()).isEqualTo(2);
        assertThat(purger().verify(request)).isEqualTo(new LogVerification(0, 2));
    }

    @Test
    void shouldDoNothingWhenTheLogDirectoryDoesNotExist() {
        // given
        LogPurger purger = new LogPurger(new LogSegments(dir.resolve("missing")));

        // when
        LogPurgeResult result = purger.run(range("2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", LogFilter.NONE));

        // then
        assertThat(result.linesRemoved()).isZero();
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void shouldKeepLinesByteForByteWhateverTheirLengthAndAMissingLastNewline() throws Exception {
        // given a line longer than the read buffer, and a last line cut short by a crash
        String huge = line("2026-11-25T14:50:00Z", "x".repeat(200_000) + " é ✓");
        String cut = "{\"timestamp\":\"2026-11-25T14:55:00.000Z\",\"message\":\"cut";
        Path file = LogFiles.segment(dir, "2026-11-25T14:00:00Z", false, List.of(line("2026-11-25T14:05:00Z", "go"), huge));
        Files.writeString(file, cut, StandardOpenOption.APPEND);

        // when
        purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T14:10:00Z", LogFilter.NONE));

        // then
        assertThat(Files.readString(file)).isEqualTo(huge + "\n" + cut);
    }

    @Test
    void shouldPurgeBothFilesOfAnHourThatHasALateLineBesideItsGzip() {
        // given the gzip of a past hour and a plain file a late line reopened
        Path gzip = segment(dir, "2026-11-25T14:00:00Z", true, List.of(line("2026-11-25T14:05:00Z", "frank")));
        Path plain = segment(dir, "2026-11-25T14:00:00Z", false,
                List.of(line("2026-11-25T14:59:59.999Z", "frank late"), line("2026-11-25T14:59:59.998Z", "other")));

        // when
        LogPurgeResult result = purger().run(range("2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z",
                LogFilter.matching("frank")));

        // then
        assertThat(gzip).doesNotExist();
        assertThat(lines(plain)).containsExactly(line("2026-11-25T14:59:59.998Z", "other"));
        assertThat(result).extracting(LogPurgeResult::linesRemoved, LogPurgeResult::segmentsDeleted,
                LogPurgeResult::segmentsRewritten).containsExactly(2L, 1L, 1L);
    }
}
