package io.lethe.engine.sequence;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.script.CompiledScript;
import io.lethe.engine.script.ScriptEngine;
import java.util.List;
import java.util.Map;

/**
 * One block's config during {@link Block#compile}: typed access to its fields (already checked
 * against the block's schema) and a place to report further problems at the right JSON pointer.
 */
public final class BlockConfig {

    private final Map<String, Object> raw;
    private final String pointer;
    private final List<FieldError> errors;
    private final ScriptEngine scripts;
    private final List<AutoCloseable> resources;
    private final boolean stored;

    /** {@code stored}: a sequence saved before, compiled again; fixed values are read as they were when it was saved. */
    BlockConfig(Map<String, Object> raw, String pointer, List<FieldError> errors, ScriptEngine scripts,
            List<AutoCloseable> resources, boolean stored) {
        this.raw = raw;
        this.pointer = pointer;
        this.errors = errors;
        this.scripts = scripts;
        this.resources = resources;
        this.stored = stored;
    }

    public boolean has(String name) {
        return raw.get(name) != null;
    }

    public Object raw(String name) {
        return raw.get(name);
    }

    /** The field as a template (a constant null when absent). */
    public Template template(String name) {
        return Template.compile(raw.get(name), pointer + "/" + name, errors);
    }

    /** A literal text field, or {@code fallback} when absent. */
    public String text(String name, String fallback) {
        Object value = raw.get(name);
        return value instanceof String s ? s : fallback;
    }

    /**
     * A literal whole number field from {@code min} to {@code max}, or {@code fallback} when absent; anything else
     * (an expression, text, a fraction, a number out of range) is an error at save rather than silently the fallback.
     */
    public long number(String name, long fallback, long min, long max) {
        Object value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= min && n.longValue() <= max) {
            return n.longValue();
        }
        if (stored) { // saved before this was checked: as it was read then (a number brought into range, anything else the fallback)
            return value instanceof Number n ? Math.clamp(n.longValue(), min, max) : fallback;
        }
        error(name, "must be a whole number from " + min + " to " + max
                + (value instanceof String ? " (a fixed number: this field takes no expression)" : ""));
        return fallback;
    }

    /** A literal true or false field, false when absent; anything else is an error at save. */
    public boolean flag(String name) {
        Object value = raw.get(name);
        if (value == null || value instanceof Boolean || stored) {
            return Boolean.TRUE.equals(value);
        }
        error(name, "must be true or false (a fixed value: this field takes no expression)");
        return false;
    }

    /** A JavaScript function body field, compiled into a pooled sandboxed script. */
    public CompiledScript script(String name) {
        return keep(scripts.compile(text(name, "")));
    }

    /** A JavaScript expression field, compiled as a script returning its value. */
    public CompiledScript expression(String name) {
        return keep(scripts.compile("return (" + text(name, "undefined") + "\n);"));
    }

    public ScriptEngine scripts() {
        return scripts;
    }

    public void error(String name, String message) {
        errors.add(new FieldError(pointer + "/" + name, message));
    }

    private CompiledScript keep(CompiledScript script) {
        resources.add(script);
        return script;
    }
}
