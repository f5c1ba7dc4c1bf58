package io.lethe.engine.log;

import io.lethe.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Small synthetic segment files for log purge tests: lines as the JSON encoder writes them. */
final class LogFiles {

    private LogFiles() {
    }

    static String line(String timestamp, String message) {
        return line(timestamp, "INFO", "io.lethe.test", null, message, Map.of());
    }

    static String line(String timestamp, String level, String logger, String correlationId, String message,
            Map<String, Object> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", timestamp);
        json.put("level", level);
        json.put("logger", logger);
        json.put("thread", "main");
        json.put("message", message);
        if (correlationId != null) {
            json.put("correlationId", correlationId);
        }
        json.putAll(fields);
        return Json.write(json);
    }

    /** Writes the segment of the hour of {@code hour}; gzipped unless it is the current (plain) one. */
    static Path segment(Path dir, String hour, boolean gzip, List<String> lines) {
        Path plain = new LogSegments(dir).plainFile(Instant.parse(hour));
        Path file = gzip ? LogSegments.gzipFileOf(plain) : plain;
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Every line of every segment under {@code dir}, oldest segment first. */
    static List<String> allLines(Path dir) {
        List<String> lines = new ArrayList<>();
        for (LogSegment segment : new LogSegments(dir).list()) {
            lines.addAll(lines(segment.path()));
        }
        return lines;
    }

    /** The lines of a segment (or of a temp file beside one), gunzipped when the bytes are gzip. */
    static List<String> lines(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 1 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LogPurgeRequest range(String from, String to, LogFilter filter) {
        return new LogPurgeRequest(LogRange.between(Instant.parse(from), Instant.parse(to)), filter);
    }
}
