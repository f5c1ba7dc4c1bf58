package io.lethe.engine.block;

import io.lethe.engine.json.Json;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import io.lethe.engine.sequence.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Blocks that shape the flow: loops, logging, the HTTP response, calling another sequence. */
public final class FlowBlocks {

    private FlowBlocks() {
    }

    public static List<Block<?>> all() {
        return List.of(new ForEach(), new Log(), new Respond(), new CallSequence());
    }

    record ForEachConfig(Template items, String body) {
    }

    /** Runs the path starting at {@code body} once per item, with {@code item} and {@code index} in scope. */
    static final class ForEach implements Block<ForEachConfig> {
        public boolean waitsOnIo() {
            return false;
        }

        static final int MAX_ITEMS = 10_000;

        public String type() {
            return "for-each";
        }

        public String description() {
            return "Run a sub-path for each item of a list";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("items", Kind.VALUE, "the list, e.g. {{steps.find.output}}")
                    .required("body", Kind.BLOCK, "first block of the sub-path run per item ({{item}}, {{index}})")
                    .build();
        }

        public ForEachConfig compile(BlockConfig c) {
            return new ForEachConfig(c.template("items"), c.text("body", null));
        }

        public Outcome execute(ForEachConfig config, BlockRun run) {
            Object items = run.input("items", config.items());
            if (!(items instanceof List<?> list)) {
                return Outcome.failed("items must resolve to a list, not " + Json.kind(items));
            }
            if (list.size() > MAX_ITEMS) {
                return Outcome.failed("at most " + MAX_ITEMS + " items per loop");
            }
            List<Object> outputs = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> scope = new LinkedHashMap<>();
                scope.put("item", list.get(i));
                scope.put("index", i);
                Outcome outcome = run.runPath(config.body(), scope);
                if (outcome instanceof Outcome.Failed failed) {
                    return Outcome.failed("item " + i + ": " + failed.message());
                }
                outputs.add(((Outcome.Next) outcome).output());
            }
            return Outcome.next(outputs);
        }
    }

    record LogConfig(String level, Template message) {
    }

    /**
     * Writes a line to the application log with the execution id. Personal, sensitive and secret
     * values never reach the log in clear: every value the run holds under such a key (a protected
     * attribute name of any model, a credential keyword, a connector secret) is replaced by its
     * keyed-hash marker wherever it appears in the line, as in debug traces.
     */
    static final class Log implements Block<LogConfig> {
        public boolean waitsOnIo() {
            return false;
        }

        private static final Logger log = LoggerFactory.getLogger("io.lethe.sequence");

        public String type() {
            return "log";
        }

        public String description() {
            return "Write a line to the application log (personal, sensitive and secret values are redacted)";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .choice("level", false, "log level (default info)", "debug", "info", "warn", "error")
                    .required("message", Kind.TEXT, "the text, may hold {{...}}")
                    .build();
        }

        public LogConfig compile(BlockConfig c) {
            return new LogConfig(c.text("level", "info"), c.template("message"));
        }

        public Outcome execute(LogConfig config, BlockRun run) {
            String message = run.redact(String.valueOf(run.input("message", config.message())));
            var event = switch (config.level()) {
                case "debug" -> log.atDebug();
                case "warn" -> log.atWarn();
                case "error" -> log.atError();
                default -> log.atInfo();
            };
            event.addKeyValue("executionId", run.executionId()).addKeyValue("sequence", run.sequenceName()).log(message);
            return Outcome.next(message);
        }
    }

    record RespondConfig(Template status, Template headers, Template body) {
    }

    /**
     * Answers the HTTP request of an HTTP-triggered run (status, headers, body) at once; the run goes
     * on. Only the first respond block to run answers; a later one changes nothing.
     */
    static final class Respond implements Block<RespondConfig> {
        private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        private static final Pattern HEADER_VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");

        public boolean waitsOnIo() {
            return false;
        }

        public String type() {
            return "respond";
        }

        public String description() {
            return "Answer the HTTP request that triggered the run, at once (the run goes on; only the first answer counts)";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .optional("status", Kind.NUMBER, "HTTP status (default 200)")
                    .optional("headers", Kind.MAP, "response headers")
                    .optional("body", Kind.VALUE, "the body: JSON value or text")
                    .build();
        }

        public RespondConfig compile(BlockConfig c) {
            if (c.raw("status") instanceof Number) { // a fixed status is checked now; an expression's value when it runs
                c.number("status", 200, 100, 599);
            }
            return new RespondConfig(c.template("status"), c.template("headers"), c.template("body"));
        }

        public Outcome execute(RespondConfig config, BlockRun run) {
            Object status = run.input("status", config.status());
            int code;
            try {
                code = status == null ? 200 : status instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(status));
            } catch (NumberFormatException e) {
                return Outcome.failed("status must be a number, not '" + status + "'");
            }
            if (code < 100 || code > 599) {
                return Outcome.failed("status must be between 100 and 599, not " + code);
            }
            Map<String, String> headers = headers(run.input("headers", config.headers()));
            for (var header : headers.entrySet()) {
                if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                    return Outcome.failed("'" + header.getKey() + "' is not a valid HTTP header name");
                }
                if (!HEADER_VALUE.matcher(header.getValue()).matches()) {
                    return Outcome.failed("the value of header '" + header.getKey() + "' holds a line break or another control character");
                }
            }
            Object body = run.rawInput("body", config.body()); // a script's JSON result goes out unparsed
            run.respond(code, headers, body);
            return Outcome.next(body);
        }

        /** The headers given as text (a member with no text value left out); none when no object is given. */
        private static Map<String, String> headers(Object given) {
            if (!(given instanceof Map<?, ?> members)) {
                return Map.of();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            members.forEach((k, v) -> {
                String text = TextValue.of(v);
                if (text != null) {
                    headers.put(String.valueOf(k), text);
                }
            });
            return headers;
        }
    }

    record CallConfig(String sequence, Template input) {
    }

    /** Runs another sequence to its end; its response body (or last output) is the output. */
    static final class CallSequence implements Block<CallConfig> {
        public String type() {
            return "call-sequence";
        }

        public String description() {
            return "Run another sequence and use its result";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("sequence", Kind.SEQUENCE, "the sequence to run")
                    .optional("input", Kind.VALUE, "its input, e.g. {\"email\": \"{{input.email}}\"}")
                    .build();
        }

        public CallConfig compile(BlockConfig c) {
            return new CallConfig(c.text("sequence", null), c.template("input"));
        }

        public Outcome execute(CallConfig config, BlockRun run) {
            return run.callSequence(config.sequence(), run.rawInput("input", config.input()));
        }
    }
}
