package io.lethe.engine.execution;

import io.lethe.engine.json.Json;
import io.lethe.engine.redact.Redactor;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.CompiledBlock;
import io.lethe.engine.sequence.CompiledSequence;
import io.lethe.engine.sequence.Outcome;
import io.lethe.engine.sequence.Template;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The state of one run: walks the block graph from the entry, following the outcomes taken. */
final class Run {

    static final int MAX_BLOCK_RUNS = 10_000;
    /** How deep sub-paths (a loop's body) may nest: a body wired back to its loop runs it inside itself. */
    static final int MAX_PATH_NESTING = 32;
    /** How much of an error a run keeps (recorded, answered): a failure inside nested loops is prefixed at each. */
    static final int MAX_ERROR_CHARS = 4_000;

    private final SequenceRunner runner;
    private final CompiledSequence sequence;
    private final String id;
    private final Object input;
    private final Instant deadline;
    private final boolean byCaller;
    private final int depth;
    private final Responder responder;
    /** The latest clock reading: when the run started, then when each block ended (the next one starts then). */
    private Instant now;
    private final List<String> path = Collections.synchronizedList(new ArrayList<>());
    private volatile HttpReply response;
    private Redactor redactor; // with the objects it has scanned: made by the first redaction of the run
    private Set<Object> scanned;

    /** @param notAfter a calling sequence's deadline (null for none): a called sequence gets no more time than its caller has */
    Run(SequenceRunner runner, CompiledSequence sequence, String id, Object input, Instant started, int depth,
            Responder responder, Instant notAfter) {
        this.runner = runner;
        this.sequence = sequence;
        this.id = id;
        this.input = input;
        this.now = started;
        Instant own = started.plusMillis(sequence.definition().settings().timeoutMs());
        this.byCaller = notAfter != null && notAfter.isBefore(own);
        this.deadline = byCaller ? notAfter : own;
        this.depth = depth;
        this.responder = responder;
    }

    /** The blocks run so far, with their outcomes (for a run that ends abnormally). */
    List<String> pathSoFar() {
        return List.copyOf(path);
    }

    /** When the last block ended (when the run started, before any): the clock is read once per block. */
    Instant lastReading() {
        return now;
    }

    ExecutionResult execute() {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("input", input);
        scope.put("steps", new LinkedHashMap<String, Object>());
        scope.put("execution", Map.of("id", id, "sequence", sequence.name()));
        Outcome outcome = walk(sequence.definition().entry(), scope, "");
        return switch (outcome) {
            case Outcome.Next next -> new ExecutionResult(id, ExecutionStatus.SUCCEEDED, next.output(), null,
                    Optional.ofNullable(response), List.copyOf(path));
            case Outcome.Failed failed -> new ExecutionResult(id, ExecutionStatus.FAILED, null, capped(redacted(failed.message(), scope)),
                    Optional.ofNullable(response), List.copyOf(path));
        };
    }

    private static String capped(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error
                : error.substring(0, MAX_ERROR_CHARS) + "… (" + (error.length() - MAX_ERROR_CHARS) + " more characters)";
    }

    /**
     * {@code text} with the protected values the run holds replaced by their markers (an error as
     * it is recorded and answered, a log line). Each object in the scope is scanned once per run:
     * a loop that logs each of 10 000 items must not rescan the list for every line.
     */
    private String redacted(String text, Map<String, Object> scope) {
        if (redactor == null) {
            redactor = runner.redaction().redactor(false);
            scanned = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        scope.forEach((key, value) -> {
            if (key.equals("steps") && value instanceof Map<?, ?> steps) {
                steps.forEach((id, step) -> learn(String.valueOf(id), step));
            } else {
                learn(key, value);
            }
        });
        return redactor.text(text);
    }

    private void learn(String key, Object value) {
        if (value != null && scanned.add(value)) {
            redactor.collect(Map.of(key, Json.plain(value)));
        }
    }

    @SuppressWarnings("unchecked")
    private Outcome walk(String start, Map<String, Object> scope, String frame) {
        Map<String, Object> steps = (Map<String, Object>) scope.get("steps");
        Object last = null;
        String current = start;
        int blockRuns = 0; // per path: each item of a loop walks its own
        while (current != null) {
            if (++blockRuns > MAX_BLOCK_RUNS) {
                return Outcome.failed("more than " + MAX_BLOCK_RUNS + " blocks run: is there a loop in the wiring?");
            }
            Instant started = now;
            if (!started.isBefore(deadline)) {
                return Outcome.failed(byCaller ? "sequence timed out: the calling sequence's time ran out"
                        : "sequence timed out after " + sequence.definition().settings().timeoutMs() + " ms");
            }
            CompiledBlock block = sequence.block(current);
            Step step = new Step(scope, frame, block.id());
            Outcome outcome;
            try {
                outcome = block.execute(step);
            } catch (Exception e) {
                outcome = Outcome.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            now = runner.clock().instant();
            Duration took = Duration.between(started, now);
            String outcomeName = outcome instanceof Outcome.Next n ? n.name() : Outcome.ERROR;
            Object output = outcome instanceof Outcome.Next n ? n.output() : null;
            String error = outcome instanceof Outcome.Failed f ? f.message() : null;
            path.add(frame + block.id() + ":" + outcomeName);
            if (!runner.listeners().isEmpty()) {
                var finished = new ExecutionListener.BlockFinished(id, sequence.name(), block.id(),
                        block.definition().type(), frame, step.inputs(), outcomeName, output, error, step.console,
                        started, took);
                runner.listeners().forEach(listener -> listener.blockFinished(finished));
            }
            if (outcome instanceof Outcome.Failed failed) {
                String recovery = block.next(Outcome.ERROR);
                if (recovery == null) {
                    return Outcome.failed("block '" + block.id() + "' failed: " + failed.message());
                }
                steps.put(block.id(), Map.of("error", failed.message()));
                current = recovery;
            } else {
                steps.put(block.id(), Collections.singletonMap("output", output)); // read by templates and scripts, never changed
                last = output;
                current = block.next(outcomeName);
            }
        }
        return Outcome.next(last);
    }

    /** What one block sees while it runs. */
    private final class Step implements BlockRun {
        private final Map<String, Object> scope;
        private final String frame;
        private final String runningBlockId;
        private Map<String, Object> inputs; // made by the first input resolved: many blocks have none
        List<String> console = List.of();

        Step(Map<String, Object> scope, String frame, String runningBlockId) {
            this.scope = scope;
            this.frame = frame;
            this.runningBlockId = runningBlockId;
        }

        @Override
        public Object input(String name, Template template) {
            return Json.plain(rawInput(name, template));
        }

        @Override
        public Object rawInput(String name, Template template) {
            Object value = template.resolve(scope);
            if (inputs == null) {
                inputs = new LinkedHashMap<>();
            }
            inputs.put(name, value);
            return value;
        }

        /** The inputs resolved so far, by name. */
        Map<String, Object> inputs() {
            return inputs == null ? Map.of() : inputs;
        }

        @Override
        public Map<String, Object> scope() {
            return scope;
        }

        @Override
        public String executionId() {
            return id;
        }

        @Override
        public String sequenceName() {
            return sequence.name();
        }

        @Override
        public Duration remaining() {
            Duration left = Duration.between(runner.clock().instant(), deadline);
            return left.isNegative() ? Duration.ZERO : left;
        }

        @Override
        public void console(List<String> lines) {
            console = List.copyOf(lines);
        }

        @Override
        public boolean respond(int status, Map<String, String> headers, Object body) {
            synchronized (Run.this) {
                if (response != null) {
                    return false;
                }
                response = new HttpReply(status, headers, body);
            }
            responder.answer(id, response);
            return true;
        }

        @Override
        public Outcome runPath(String blockId, Map<String, Object> extraScope) {
            if (frame.chars().filter(c -> c == '/').count() >= MAX_PATH_NESTING) {
                return Outcome.failed("loops nested more than " + MAX_PATH_NESTING + " deep: does a loop's body lead back to the loop?");
            }
            Map<String, Object> child = new LinkedHashMap<>(scope);
            @SuppressWarnings("unchecked")
            Map<String, Object> steps = new LinkedHashMap<>((Map<String, Object>) scope.get("steps"));
            child.put("steps", steps);
            child.putAll(extraScope);
            // Named after the block that runs the path, so nested loops read apart: outer[0]/inner[2]/
            String childFrame = frame + runningBlockId + "[" + extraScope.getOrDefault("index", "") + "]/";
            return walk(blockId, child, childFrame);
        }

        @Override
        public String redact(String text) {
            return redacted(text, scope);
        }

        @Override
        public Outcome callSequence(String name, Object callInput) {
            if (depth + 1 >= SequenceRunner.MAX_CALL_DEPTH) {
                return Outcome.failed("sequences call each other more than " + SequenceRunner.MAX_CALL_DEPTH + " deep");
            }
            ExecutionResult result = runner.run(runner.compiled(name), new TriggerInfo("call", sequence.name()),
                    callInput, id, depth + 1, Responder.NONE, deadline);
            if (!result.succeeded()) {
                return Outcome.failed("sequence '" + name + "' failed: " + result.error());
            }
            return Outcome.next(result.response().map(HttpReply::body).orElse(result.output()));
        }
    }
}
