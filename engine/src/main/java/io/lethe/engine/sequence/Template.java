package io.lethe.engine.sequence;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.json.Json;
import io.lethe.engine.json.RawJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block config value with {@code {{path}}} expressions over the run's scope, e.g.
 * {@code {{input.email}}} or {@code {{steps.lookup.output[0].name}}}. A string that is exactly one
 * expression resolves to the raw value (a number stays a number); expressions inside a longer
 * string are interpolated as text. Maps and lists are resolved element by element.
 */
public sealed interface Template {

    Pattern EXPRESSION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

    Object resolve(Map<String, Object> scope);

    /** Compiles {@code raw}; problems are added to {@code errors} at {@code pointer}. */
    static Template compile(Object raw, String pointer, List<FieldError> errors) {
        return switch (raw) {
            case String text -> compileText(text, pointer, errors);
            case Map<?, ?> map -> {
                Map<String, Template> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(String.valueOf(k), compile(v, pointer + "/" + k, errors)));
                yield new MapOf(entries);
            }
            case List<?> list -> {
                List<Template> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    items.add(compile(list.get(i), pointer + "/" + i, errors));
                }
                yield new ListOf(items);
            }
            case null -> new Constant(null);
            default -> new Constant(raw);
        };
    }

    private static Template compileText(String text, String pointer, List<FieldError> errors) {
        Matcher m = EXPRESSION.matcher(text);
        if (!m.find()) {
            return new Constant(text);
        }
        if (m.start() == 0 && m.end() == text.length()) {
            return Path.parse(m.group(1), pointer, errors);
        }
        List<Template> parts = new ArrayList<>();
        int at = 0;
        m.reset();
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Constant(text.substring(at, m.start())));
            }
            parts.add(Path.parse(m.group(1), pointer, errors));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new Constant(text.substring(at)));
        }
        return new Interpolated(parts);
    }

    /**
     * As {@code template}, with the value of every expression passed through {@code encode} (e.g. into
     * one URL path segment); the text written around the expressions stays as it is.
     */
    static Template encoding(Template template, Function<Object, String> encode) {
        return switch (template) {
            case Path path -> new Encoded(path, encode);
            case Interpolated text -> new Interpolated(text.parts().stream()
                    .map(part -> part instanceof Path ? (Template) new Encoded(part, encode) : part).toList());
            default -> template;
        };
    }

    /**
     * As {@code template}, with every text holding expressions resolving to null when one of its expressions finds
     * nothing (a filter's {@code "^{{input.prefix}}"} called without a prefix must not become {@code "^"}, which
     * matches everything).
     */
    static Template allOrNothing(Template template) {
        return switch (template) {
            case Interpolated text -> new AllOrNothing(text);
            case MapOf map -> {
                Map<String, Template> entries = new LinkedHashMap<>();
                map.entries().forEach((k, t) -> entries.put(k, allOrNothing(t)));
                yield new MapOf(entries);
            }
            case ListOf list -> new ListOf(list.items().stream().map(Template::allOrNothing).toList());
            default -> template;
        };
    }

    /** Text with expressions that resolves to null if any of them finds nothing (see {@link #allOrNothing}). */
    record AllOrNothing(Interpolated text) implements Template {
        @Override
        public Object resolve(Map<String, Object> scope) {
            for (Template part : text.parts()) {
                if (part instanceof Path && part.resolve(scope) == null) {
                    return null;
                }
            }
            return text.resolve(scope);
        }

        /** The first expression of the text, as written. */
        public String source() {
            return text.parts().stream().filter(Path.class::isInstance).map(p -> ((Path) p).source()).findFirst().orElse("");
        }
    }

    /** An expression whose value is given as encoded text. */
    record Encoded(Template value, Function<Object, String> encode) implements Template {
        @Override
        public Object resolve(Map<String, Object> scope) {
            return encode.apply(Json.plain(value.resolve(scope)));
        }
    }

    /** A value without expressions. */
    record Constant(Object value) implements Template {
        @Override
        public Object resolve(Map<String, Object> scope) {
            return value;
        }
    }

    /** Text with expressions inside; values are rendered as text (JSON for objects, empty for null). */
    record Interpolated(List<Template> parts) implements Template {
        @Override
        public Object resolve(Map<String, Object> scope) {
            StringBuilder text = new StringBuilder();
            for (Template part : parts) {
                Object value = Json.plain(part.resolve(scope));
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    text.append(Json.write(value));
                } else if (value != null) {
                    text.append(value);
                }
            }
            return text.toString();
        }
    }

    record MapOf(Map<String, Template> entries) implements Template {
        @Override
        public Object resolve(Map<String, Object> scope) {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, t) -> out.put(k, t.resolve(scope)));
            return out;
        }
    }

    record ListOf(List<Template> items) implements Template {
        @Override
        public Object resolve(Map<String, Object> scope) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(t -> out.add(t.resolve(scope)));
            return out;
        }
    }

    /** A path into the scope: a root name, then {@code .name}, {@code [0]} or {@code ['key']} steps. A missing step gives null. */
    record Path(String source, List<Object> steps) implements Template {

        private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][\\w$-]*)|\\[(\\d+)]|\\['([^']*)']|\\[\"([^\"]*)\"]");
        private static final Pattern ROOT = Pattern.compile("[A-Za-z_$][\\w$]*");

        static Template parse(String expression, String pointer, List<FieldError> errors) {
            Matcher root = ROOT.matcher(expression);
            if (!root.lookingAt()) {
                errors.add(new FieldError(pointer, "bad expression '{{" + expression + "}}': expected a name such as input or steps"));
                return new Constant(null);
            }
            List<Object> steps = new ArrayList<>();
            steps.add(root.group());
            int at = root.end();
            Matcher step = STEP.matcher(expression);
            while (at < expression.length()) {
                if (!step.find(at) || step.start() != at) {
                    errors.add(new FieldError(pointer, "bad expression '{{" + expression + "}}' at character " + (at + 1)));
                    return new Constant(null);
                }
                if (step.group(1) != null) {
                    steps.add(step.group(1));
                } else if (step.group(2) != null) {
                    steps.add(Integer.parseInt(step.group(2)));
                } else {
                    steps.add(step.group(3) != null ? step.group(3) : step.group(4));
                }
                at = step.end();
            }
            return new Path(expression, List.copyOf(steps));
        }

        /** The root name, e.g. {@code input} or {@code steps}. */
        public String root() {
            return (String) steps.get(0);
        }

        @Override
        public Object resolve(Map<String, Object> scope) {
            Object current = scope;
            for (Object step : steps) {
                if (current instanceof RawJson raw) {
                    current = raw.value(); // looking inside: parse it (once)
                }
                if (step instanceof Integer index && current instanceof List<?> list) {
                    current = index < list.size() ? list.get(index) : null;
                } else if (current instanceof Map<?, ?> map) {
                    current = map.get(String.valueOf(step));
                } else {
                    return null;
                }
            }
            return current;
        }
    }
}
