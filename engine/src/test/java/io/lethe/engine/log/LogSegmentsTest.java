package io.lethe.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSegmentsTest {

    @TempDir
    Path dir;

    @Test
    void shouldListSegmentsOverlappingARangeAndIgnoreOtherFiles() throws IOException {
        for (String name : new String[] {
            "lethe-2026-11-25T13.jsonl.gz", "lethe-2026-11-25T14.jsonl.gz",
            "lethe-2026-11-25T15.jsonl.gz", "lethe-2026-11-25T16.jsonl", "notes.txt", "lethe-garbage.jsonl"}) {
            Files.writeString(dir.resolve(name), "x\n");
        }
        LogSegments segments = new LogSegments(dir);

        var hits = segments.overlapping(Instant.parse("2026-11-25T14:05:00Z"), Instant.parse("2026-11-25T16:00:00Z"));

        assertThat(hits).extracting(s -> s.path().getFileName().toString())
                .containsExactly("lethe-2026-11-25T14.jsonl.gz", "lethe-2026-11-25T15.jsonl.gz");
        assertThat(hits.get(0).within(Instant.parse("2026-11-25T14:05:00Z"), Instant.parse("2026-11-25T16:00:00Z"))).isFalse();
        assertThat(hits.get(1).within(Instant.parse("2026-11-25T14:05:00Z"), Instant.parse("2026-11-25T16:00:00Z"))).isTrue();
        assertThat(segments.list()).hasSize(4);
        assertThat(segments.list().get(3).compressed()).isFalse();
    }

    @Test
    void shouldNameThePlainFileByTheUtcHour() {
        assertThat(new LogSegments(dir).plainFile(Instant.parse("2026-01-02T03:59:59.999Z")).getFileName())
                .hasToString("lethe-2026-01-02T03.jsonl");
    }
}
