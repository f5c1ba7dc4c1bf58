package io.lethe.debugger.trace;

import io.lethe.debugger.DebuggerSettings;
import io.lethe.engine.redact.RedactionRules;
import io.lethe.engine.redact.Redactor;
import io.lethe.engine.execution.ExecutionListener.BlockFinished;
import io.lethe.engine.json.Json;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Turns a finished capture into the stored trace document: redacted first (see {@link Redactor}),
 * then cut to size. The document keeps the run's metadata as fields (for queries) and its values
 * (the input, and every block with its inputs, output, console and nested calls) as one JSON text
 * in {@code body}: cheap to write, and keys in user data never become database field names.
 * A value longer than the limit becomes {@code {"truncated": true, "preview": ...}} and is listed in
 * its block's {@code truncated} fields; once the trace is full, later blocks keep only their
 * metadata ({@code omitted: true}).
 */
final class TraceAssembler {

    static final int MAX_CONSOLE_LINES = 200;

    private final RedactionRules rules;
    private final DebuggerSettings settings;

    TraceAssembler(RedactionRules rules, DebuggerSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    /** The document and its approximate size in characters. */
    record Assembled(Document document, long chars) {
    }

    Assembled assemble(TraceCapture capture) {
        Redactor redactor = rules.redactor(capture.reveal);
        collect(capture, redactor);
        Budget budget = new Budget(settings.maxTraceChars());
        Map<String, Object> run = run(capture, redactor, budget);
        String body = Json.write(Map.of("input", run.remove("input"), "blocks", run.remove("blocks")));
        Document doc = new Document("_id", capture.started.executionId());
        run.remove("executionId");
        doc.putAll(run);
        doc.put("startedAt", Date.from(capture.started.at()));
        doc.put("redacted", !capture.reveal);
        doc.put("openedBy", capture.openedBy);
        doc.put("replayOf", capture.replayOf);
        doc.put("truncated", budget.truncated);
        doc.put("chars", body.length());
        doc.put("body", body);
        return new Assembled(doc, body.length() + 512L);
    }

    private void collect(TraceCapture capture, Redactor redactor) {
        redactor.collect(Json.plain(capture.started.input()));
        for (TraceCapture.Captured block : capture.blocks()) {
            redactor.collect(Json.plain(block.event().inputs()));
            redactor.collect(Json.plain(block.event().output()));
            if (block.call() != null) {
                collect(block.call(), redactor);
            }
        }
    }

    /** One run (the traced one or a call nested in it) as plain values. */
    private Map<String, Object> run(TraceCapture capture, Redactor redactor, Budget budget) {
        var started = capture.started;
        var finished = capture.finished;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executionId", started.executionId());
        out.put("sequence", started.sequence());
        out.put("version", started.version());
        out.put("parentExecutionId", started.parentExecutionId());
        out.put("trigger", new Document("type", started.trigger().type()).append("detail", redactor.text(started.trigger().detail())));
        out.put("startedAt", started.at().toString());
        int before = redactor.redactions();
        List<String> truncated = new ArrayList<>();
        out.put("input", encode("input", Json.plain(started.input()), redactor, budget, truncated));
        out.put("inputRedactions", redactor.redactions() - before);
        out.put("inputTruncated", !truncated.isEmpty());
        if (finished != null) {
            out.put("status", finished.result().status().label());
            out.put("error", cap(redactor.text(finished.result().error())));
            out.put("durationMs", finished.duration().toMillis());
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (TraceCapture.Captured captured : capture.blocks()) {
            blocks.add(block(captured, redactor, budget));
        }
        out.put("blocks", blocks);
        out.put("omittedBlocks", capture.omittedBlocks);
        if (capture.omittedBlocks > 0) {
            budget.truncated = true;
        }
        return out;
    }

    private Map<String, Object> block(TraceCapture.Captured captured, Redactor redactor, Budget budget) {
        BlockFinished e = captured.event();
        List<String> truncated = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("blockId", e.blockId());
        out.put("type", e.type());
        out.put("frame", e.frame());
        out.put("outcome", e.outcome());
        out.put("startedAt", e.startedAt().toString());
        out.put("durationMs", e.duration().toMillis());
        out.put("error", cap(redactor.text(e.error())));
        out.put("console", console(e.console(), redactor, budget, truncated));
        if (budget.full()) {
            budget.truncated = true;
            out.put("omitted", true);
        } else {
            out.put("inputs", encode("inputs", Json.plain(e.inputs()), redactor, budget, truncated));
            out.put("output", encode("output", Json.plain(e.output()), redactor, budget, truncated));
        }
        out.put("truncated", truncated);
        if (captured.call() != null) {
            out.put("call", run(captured.call(), redactor, budget));
        }
        return out;
    }

    private String cap(String text) {
        return text == null || text.length() <= settings.maxValueChars() ? text : text.substring(0, settings.maxValueChars());
    }

    private List<String> console(List<String> lines, Redactor redactor, Budget budget, List<String> truncated) {
        if (lines == null || lines.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Math.min(lines.size(), MAX_CONSOLE_LINES));
        for (String line : lines) {
            if (out.size() == MAX_CONSOLE_LINES || budget.full()) {
                truncated.add("console");
                budget.truncated = true;
                break;
            }
            String text = cap(redactor.text(line));
            budget.used += text == null ? 0 : text.length();
            out.add(text);
        }
        return out;
    }

    /** The redacted value, or a marked preview of it when its JSON is longer than the limit. */
    private Object encode(String field, Object raw, Redactor redactor, Budget budget, List<String> truncated) {
        Object redacted = redactor.value(raw);
        String json;
        try {
            json = Json.write(redacted);
        } catch (IllegalArgumentException e) {
            redacted = "[value not representable as JSON]";
            json = Json.write(redacted);
        }
        if (json.length() > settings.maxValueChars()) {
            truncated.add(field);
            budget.truncated = true;
            budget.used += settings.maxValueChars();
            return Map.of("truncated", true, "chars", json.length(), "preview", json.substring(0, settings.maxValueChars()));
        }
        budget.used += json.length();
        return redacted;
    }

    /** Characters spent on values so far in one trace. */
    private static final class Budget {
        final long max;
        long used;
        boolean truncated;

        Budget(long max) {
            this.max = max;
        }

        boolean full() {
            return used >= max;
        }
    }
}
