package io.lethe.engine.log;

import java.time.Instant;

/**
 * A line a purge would remove, as shown in a preview: its place and kind in clear, its message with
 * the matched text masked ({@code ***}) — or wholly masked when the filter searches no text. Other
 * structured fields are left out: they may hold personal data.
 */
public record LogSample(String segment, Instant timestamp, String level, String logger, String correlationId,
        String message) {
}
