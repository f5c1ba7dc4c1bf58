package io.lethe.debugger.trace;

import io.lethe.debugger.DebuggerSettings;
import io.lethe.debugger.redact.RedactionRules;
import io.lethe.debugger.redact.Redactor;
import io.lethe.engine.execution.ExecutionListener.BlockFinished;
import io.lethe.engine.json.Json;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Turns a finished capture into the stored trace document: redacted first (see {@link Redactor}),
 * then cut to size. Values (inputs, outputs, the run's input) are stored as JSON text, so keys in
 * user data never become database field names; a value longer than the limit keeps a prefix and is
 * listed in the block's {@code truncated} fields; once the trace is full, later blocks keep only
 * their metadata ({@code omitted: true}).
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
        Document doc = body(capture, redactor, budget);
        doc.put("_id", capture.started.executionId());
        doc.put("redacted", !capture.reveal);
        doc.put("openedBy", capture.openedBy);
        doc.put("replayOf", capture.replayOf);
        doc.put("truncated", budget.truncated);
        doc.put("chars", budget.used);
        return new Assembled(doc, budget.used);
    }

    private void collect(TraceCapture capture, Redactor redactor) {
        redactor.collect(capture.started.input());
        for (TraceCapture.Captured block : capture.blocks()) {
            redactor.collect(block.event().inputs());
            redactor.collect(block.event().output());
            if (block.call() != null) {
                collect(block.call(), redactor);
            }
        }
    }

    private Document body(TraceCapture capture, Redactor redactor, Budget budget) {
        var started = capture.started;
        var finished = capture.finished;
        Document doc = new Document("executionId", started.executionId())
                .append("sequence", started.sequence())
                .append("version", started.version())
                .append("parentExecutionId", started.parentExecutionId())
                .append("trigger", new Document("type", started.trigger().type())
                        .append("detail", redactor.text(started.trigger().detail())))
                .append("startedAt", Date.from(started.at()));
        int before = redactor.redactions();
        List<String> truncated = new ArrayList<>();
        doc.append("input", encode("input", started.input(), redactor, budget, truncated));
        doc.append("inputRedactions", redactor.redactions() - before);
        doc.append("inputTruncated", !truncated.isEmpty());
        if (finished != null) {
            doc.append("status", finished.result().status().label())
                    .append("error", cap(redactor.text(finished.result().error())))
                    .append("durationMs", finished.duration().toMillis());
        }
        List<Document> blocks = new ArrayList<>();
        for (TraceCapture.Captured captured : capture.blocks()) {
            blocks.add(block(captured, redactor, budget));
        }
        doc.append("blocks", blocks).append("omittedBlocks", capture.omittedBlocks);
        if (capture.omittedBlocks > 0) {
            budget.truncated = true;
        }
        return doc;
    }

    private Document block(TraceCapture.Captured captured, Redactor redactor, Budget budget) {
        BlockFinished e = captured.event();
        List<String> truncated = new ArrayList<>();
        Document doc = new Document("blockId", e.blockId()).append("type", e.type()).append("frame", e.frame())
                .append("outcome", e.outcome())
                .append("startedAt", e.startedAt().toString())
                .append("durationMs", e.duration().toMillis())
                .append("error", cap(redactor.text(e.error())))
                .append("console", console(e.console(), redactor, budget, truncated));
        if (budget.full()) {
            budget.truncated = true;
            doc.append("omitted", true);
        } else {
            doc.append("inputs", encode("inputs", e.inputs(), redactor, budget, truncated))
                    .append("output", encode("output", e.output(), redactor, budget, truncated));
        }
        doc.append("truncated", truncated);
        if (captured.call() != null) {
            doc.append("call", body(captured.call(), redactor, budget));
        }
        return doc;
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
            String text = redactor.text(line);
            if (text != null && text.length() > settings.maxValueChars()) {
                text = text.substring(0, settings.maxValueChars());
                budget.truncated = true;
            }
            budget.used += text == null ? 0 : text.length();
            out.add(text);
        }
        return out;
    }

    private String encode(String field, Object raw, Redactor redactor, Budget budget, List<String> truncated) {
        String json;
        try {
            json = Json.write(redactor.value(raw));
        } catch (IllegalArgumentException e) {
            json = Json.write("[value not representable as JSON]");
        }
        if (json.length() > settings.maxValueChars()) {
            json = json.substring(0, settings.maxValueChars());
            truncated.add(field);
            budget.truncated = true;
        }
        budget.used += json.length();
        return json;
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
