package io.lethe.engine.sequence;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.script.ScriptEngine;
import io.lethe.engine.script.ScriptProblem;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks a sequence completely and compiles it: unknown block types, unknown or missing config
 * fields, bad expressions, JavaScript syntax errors (parsed, never run), dangling wires, block
 * positions off the canvas and bad triggers are all reported at once, each with the JSON pointer
 * of the field at fault.
 */
public final class SequenceCompiler {

    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    public static final int MAX_BLOCKS = 200;
    static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Pattern HOOK_PATH = Pattern.compile("(/[A-Za-z0-9._~:-]+)+/?|/");
    /** A web origin as a browser sends it: scheme, host and port, nothing after. */
    private static final Pattern ORIGIN = Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:\\d{1,5})?");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> EVENTS = Set.of("created", "updated", "deactivated", "reactivated", "deleted");

    /** Whether names used in configs exist. */
    public record Lookups(Predicate<String> model, Predicate<String> sequence, Predicate<String> connector) {
    }

    private final BlockRegistry registry;
    private final Supplier<ScriptEngine> engine;

    public SequenceCompiler(BlockRegistry registry, ScriptEngine scripts) {
        this(registry, () -> scripts);
    }

    /** @param scripts the script engine, asked for only when a sequence is compiled (it may still be starting) */
    public SequenceCompiler(BlockRegistry registry, Supplier<ScriptEngine> scripts) {
        this.registry = registry;
        this.engine = scripts;
    }

    /** Checks and compiles a sequence about to be saved: every rule applies. */
    public CompiledSequence compile(Sequence sequence, Lookups lookups) {
        return compile(sequence, lookups, false);
    }

    /**
     * Compiles a sequence stored before (the current version after a restart, an older version for a replay): rules
     * added since it was saved do not make it fail; fixed numbers out of range are brought into it, as they were then.
     */
    public CompiledSequence compileStored(Sequence sequence, Lookups lookups) {
        return compile(sequence, lookups, true);
    }

    private CompiledSequence compile(Sequence sequence, Lookups lookups, boolean stored) {
        ScriptEngine scripts = engine.get();
        List<FieldError> errors = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        if (sequence.name() == null || !NAME.matcher(sequence.name()).matches()) {
            errors.add(new FieldError("/name", "must start with a letter and hold at most 64 letters, digits, '_' or '-'"));
        }
        if (sequence.blocks().isEmpty() || sequence.blocks().size() > MAX_BLOCKS) {
            errors.add(new FieldError("/blocks", "must hold between 1 and " + MAX_BLOCKS + " blocks"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sequence.blocks().size(); i++) {
            String id = sequence.blocks().get(i).id();
            if (id == null || !NAME.matcher(id).matches()) {
                errors.add(new FieldError("/blocks/" + i + "/id", "must start with a letter and hold at most 64 letters, digits, '_' or '-'"));
            } else if (!ids.add(id)) {
                errors.add(new FieldError("/blocks/" + i + "/id", "'" + id + "' is used twice"));
            }
        }
        if (sequence.entry() == null || !ids.contains(sequence.entry())) {
            errors.add(new FieldError("/entry", "must be the id of one of the blocks"));
        }
        Map<String, CompiledBlock> compiled = new LinkedHashMap<>();
        for (int i = 0; i < sequence.blocks().size(); i++) {
            BlockDefinition definition = sequence.blocks().get(i);
            String at = "/blocks/" + i;
            checkPosition(definition.position(), at + "/position", errors);
            var block = registry.find(String.valueOf(definition.type()));
            if (block.isEmpty()) {
                errors.add(new FieldError(at + "/type", "unknown block type '" + definition.type() + "'"));
                continue;
            }
            checkWires(definition, block.get(), ids, at, errors);
            int before = errors.size();
            checkConfig(definition.config(), block.get().schema(), ids, lookups, at + "/config", errors, scripts);
            if (!stored && errors.size() == before) {
                TemplateReferences.check(definition.config(), block.get().schema(), ids, at + "/config", errors);
            }
            if (errors.size() == before) {
                Object config = block.get().compile(
                        new BlockConfig(definition.config(), at + "/config", errors, scripts, resources, stored));
                if (definition.id() != null) {
                    compiled.put(definition.id(), new CompiledBlock(definition, block.get(), config));
                }
            }
        }
        if (!stored && errors.isEmpty()) {
            checkLoopBodies(sequence, errors);
        }
        checkTriggers(sequence.triggers(), lookups, errors, stored);
        if (sequence.settings().timeoutMs() < 0 || sequence.settings().timeoutMs() > SequenceSettings.MAX_TIMEOUT_MS) {
            errors.add(new FieldError("/settings/timeoutMs", "from 1 to " + SequenceSettings.MAX_TIMEOUT_MS + " (0: the default "
                    + SequenceSettings.DEFAULT_TIMEOUT_MS + ")"));
        }
        CompiledSequence result = new CompiledSequence(sequence, Map.copyOf(compiled), List.copyOf(resources));
        if (!errors.isEmpty()) {
            result.close();
            throw new InvalidInputException(errors);
        }
        return result;
    }

    private static void checkWires(BlockDefinition definition, Block<?> block, Set<String> ids, String at, List<FieldError> errors) {
        for (var wire : definition.next().entrySet()) {
            if (!block.outcomes().contains(wire.getKey()) && !Outcome.ERROR.equals(wire.getKey())) {
                errors.add(new FieldError(at + "/next/" + wire.getKey(), "a " + block.type() + " block has no outcome '"
                        + wire.getKey() + "' (it has " + String.join(", ", new TreeSet<>(block.outcomes())) + ", error)"));
            } else if (!ids.contains(wire.getValue())) {
                errors.add(new FieldError(at + "/next/" + wire.getKey(), "no block '" + wire.getValue() + "'"));
            }
        }
    }

    /**
     * A block that runs a sub-path (a for-each's body) may not be reached again from that path: it would run itself
     * inside itself until the run's limits stop it, with an error growing at each level.
     */
    private void checkLoopBodies(Sequence sequence, List<FieldError> errors) {
        Map<String, BlockDefinition> byId = new HashMap<>();
        sequence.blocks().forEach(b -> byId.put(b.id(), b));
        for (int i = 0; i < sequence.blocks().size(); i++) {
            BlockDefinition block = sequence.blocks().get(i);
            for (String field : bodyFields(block)) {
                if (reachable(String.valueOf(block.config().get(field)), byId).contains(block.id())) {
                    errors.add(new FieldError("/blocks/" + i + "/config/" + field,
                            "leads back to '" + block.id() + "' itself: each item would run the loop again, forever"));
                }
            }
        }
    }

    /** The ids of the blocks a path starting at {@code start} can run, sub-paths included. */
    private Set<String> reachable(String start, Map<String, BlockDefinition> byId) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            BlockDefinition block = byId.get(next.pop());
            if (block != null && seen.add(block.id())) {
                next.addAll(block.next().values());
                bodyFields(block).forEach(field -> next.add(String.valueOf(block.config().get(field))));
            }
        }
        return seen;
    }

    /** The config fields of {@code block} that name the first block of a sub-path, when set. */
    private List<String> bodyFields(BlockDefinition block) {
        return registry.find(String.valueOf(block.type())).map(type -> type.schema().fields().stream()
                .filter(f -> f.kind() == ConfigSchema.Kind.BLOCK && block.config().get(f.name()) != null)
                .map(ConfigSchema.Field::name).toList()).orElse(List.of());
    }

    private static void checkPosition(BlockPosition position, String at, List<FieldError> errors) {
        if (position == null) {
            return;
        }
        String range = "must be a finite number between -" + (long) BlockPosition.LIMIT + " and " + (long) BlockPosition.LIMIT;
        if (!BlockPosition.fits(position.x())) {
            errors.add(new FieldError(at + "/x", range));
        }
        if (!BlockPosition.fits(position.y())) {
            errors.add(new FieldError(at + "/y", range));
        }
    }

    private void checkConfig(Map<String, Object> config, ConfigSchema schema, Set<String> ids, Lookups lookups,
            String at, List<FieldError> errors, ScriptEngine scripts) {
        for (String key : config.keySet()) {
            if (schema.field(key).isEmpty()) {
                errors.add(new FieldError(at + "/" + key, "unknown field"));
            }
        }
        for (ConfigSchema.Field field : schema.fields()) {
            Object value = config.get(field.name());
            String pointer = at + "/" + field.name();
            if (value == null) {
                if (field.required()) {
                    errors.add(new FieldError(pointer, "is required"));
                }
                continue;
            }
            String problem = switch (field.kind()) {
                case NUMBER -> value instanceof Number || isExpression(value) ? null : "must be a number or a {{...}} expression";
                case BOOLEAN -> value instanceof Boolean || isExpression(value) ? null : "must be true, false or a {{...}} expression";
                case MAP -> value instanceof Map<?, ?> || isExpression(value) ? null : "must be an object or a {{...}} expression";
                case VALUE -> null;
                case TEXT -> value instanceof String ? null : "must be text";
                case CHOICE -> field.choices().contains(value) ? null : "must be one of " + String.join(", ", field.choices());
                case CODE -> value instanceof String s ? syntax(scripts.check(s)) : "must be JavaScript source text";
                case EXPRESSION -> value instanceof String s ? syntax(scripts.check("return (" + s + "\n);")) : "must be a JavaScript expression";
                case MODEL -> exists(value, lookups.model(), "model");
                case SEQUENCE -> exists(value, lookups.sequence(), "sequence");
                case CONNECTOR -> exists(value, lookups.connector(), "connector account");
                case BLOCK -> value instanceof String s && ids.contains(s) ? null : "must be the id of a block of this sequence";
            };
            if (problem != null) {
                errors.add(new FieldError(pointer, problem));
            } else if (field.kind() != ConfigSchema.Kind.CODE && field.kind() != ConfigSchema.Kind.EXPRESSION) {
                Template.compile(value, pointer, errors); // reports bad {{...}} expressions
            }
        }
    }

    private static String syntax(List<ScriptProblem> problems) {
        return problems.isEmpty() ? null : problems.stream()
                .map(p -> "JavaScript syntax error at line " + p.line() + ", column " + p.column() + ": " + p.message())
                .findFirst().orElse(null);
    }

    private static String exists(Object value, Predicate<String> lookup, String what) {
        if (!(value instanceof String name)) {
            return "must name a " + what;
        }
        return lookup.test(name) ? null : "no " + what + " '" + name + "'";
    }

    private static boolean isExpression(Object value) {
        return value instanceof String s && Template.EXPRESSION.matcher(s).find();
    }

    private static void checkTriggers(List<Trigger> triggers, Lookups lookups, List<FieldError> errors, boolean stored) {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> instanceEvents = new HashSet<>();
        for (int i = 0; i < triggers.size(); i++) {
            String at = "/triggers/" + i;
            switch (triggers.get(i)) {
                case Trigger.Http http -> {
                    if (http.method() == null || !METHODS.contains(http.method())) {
                        errors.add(new FieldError(at + "/method", "must be one of GET, POST, PUT, PATCH, DELETE"));
                    }
                    if (http.path() == null || !HOOK_PATH.matcher(http.path()).matches()) {
                        errors.add(new FieldError(at + "/path", "must be a path such as /orders/:id (letters, digits, . _ ~ : -)"));
                    } else if (seen.put(http.method() + " " + http.path(), i) != null) {
                        errors.add(new FieldError(at, "the same method and path twice"));
                    } else if (!stored && Arrays.stream(http.path().split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
                        errors.add(new FieldError(at + "/path", "may not hold a '.' or '..' segment: no request would ever reach it"));
                    } else if (!stored) {
                        repeatedParameter(http.path()).ifPresent(name -> errors.add(new FieldError(at + "/path",
                                "names the parameter ':" + name + "' twice (the second value would hide the first)")));
                    }
                    for (int j = 0; j < http.allowOrigins().size(); j++) {
                        String origin = http.allowOrigins().get(j);
                        if (origin == null || !(origin.equals("*") || ORIGIN.matcher(origin).matches())) {
                            errors.add(new FieldError(at + "/allowOrigins/" + j,
                                    "must be an origin such as https://shop.example.org (scheme, host, port; no path) or *"));
                        }
                    }
                }
                case Trigger.Schedule schedule -> checkSchedule(schedule, at, errors);
                case Trigger.InstanceEvent event -> {
                    if (event.model() == null || !lookups.model().test(event.model())) {
                        errors.add(new FieldError(at + "/model", "no model '" + event.model() + "'"));
                    }
                    if (event.events() == null || event.events().isEmpty() || !EVENTS.containsAll(event.events())) {
                        errors.add(new FieldError(at + "/events", "must list some of created, updated, deactivated, reactivated, deleted"));
                    } else if (!stored && event.events().stream().anyMatch(e -> !instanceEvents.add(event.model() + " " + e))) {
                        errors.add(new FieldError(at + "/events", "an event of model '" + event.model()
                                + "' another trigger of this sequence takes already (it would run twice)"));
                    }
                }
            }
        }
    }

    private static void checkSchedule(Trigger.Schedule schedule, String at, List<FieldError> errors) {
        if (schedule.cron() == null || schedule.cron().isBlank()) {
            errors.add(new FieldError(at + "/cron", "is required (minute hour day month weekday, e.g. 0 9 * * MON-FRI)"));
            return;
        }
        if (schedule.zone() != null) {
            try {
                ZoneId.of(schedule.zone());
            } catch (DateTimeException e) {
                errors.add(new FieldError(at + "/zone", "unknown time zone '" + schedule.zone() + "' (an IANA name such as Europe/Paris)"));
                return;
            }
        }
        try {
            var cron = CRON.parse(schedule.cron()).validate();
            if (ExecutionTime.forCron(cron).nextExecution(ZonedDateTime.now(schedule.zoneId())).isEmpty()) {
                errors.add(new FieldError(at + "/cron", "never fires: no date matches it (e.g. the 31st of a 30-day month)"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(at + "/cron", "not a cron expression (minute hour day month weekday): " + e.getMessage()));
        }
    }

    /** A {@code :name} the path holds twice, if any. */
    private static Optional<String> repeatedParameter(String path) {
        Set<String> names = new HashSet<>();
        for (String segment : path.split("/")) {
            if (segment.startsWith(":") && !names.add(segment.substring(1))) {
                return Optional.of(segment.substring(1));
            }
        }
        return Optional.empty();
    }
}
