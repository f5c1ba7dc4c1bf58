package io.lethe.engine.sequence;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.model.ModelValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Saving and finding sequences: every save is checked and compiled first (nothing invalid is
 * stored), and the compiled form is cached for the runner. Listeners (trigger indexes) hear of
 * every change.
 */
public final class Sequences {

    private final SequenceStore store;
    private final SequenceCompiler compiler;
    private final SequenceCompiler.Lookups lookups;
    private final Map<String, CompiledSequence> compiled = new ConcurrentHashMap<>();
    private final List<Consumer<List<Sequence>>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();

    public Sequences(SequenceStore store, SequenceCompiler compiler, SequenceCompiler.Lookups lookups) {
        this.store = store;
        this.compiler = compiler;
        this.lookups = lookups;
    }

    /** Called with all current sequences now and after every change. */
    public void onChange(Consumer<List<Sequence>> listener) {
        changeListeners.add(listener);
        listener.accept(store.list());
    }

    /** Called with the name of every sequence deleted (not one a purge renamed). */
    public void onDelete(Consumer<String> listener) {
        deleteListeners.add(listener);
    }

    /**
     * Checks, compiles and stores a sequence; returns it with its new version.
     *
     * @throws io.lethe.engine.failure.InvalidInputException listing every problem; nothing is stored
     */
    public Sequence save(Sequence sequence) {
        CompiledSequence checked = compiler.compile(sequence.withVersion(0), lookups);
        checked.close();
        refuseAtSave(sequence, List.of());
        Sequence saved = store.save(sequence);
        replace(saved.name(), compiler.compile(saved, lookups));
        changed();
        return saved;
    }

    /**
     * Checks a sequence as {@link #save} would, storing nothing; {@code extra} lookups may add
     * names about to be created (an import).
     */
    public void validate(Sequence sequence, SequenceCompiler.Lookups extra) {
        validate(sequence, extra, List.of());
    }

    /**
     * As {@link #validate(Sequence, SequenceCompiler.Lookups)}, for one of {@code saved} about to be saved together (an
     * import): their hooks count instead of those of the stored sequences they replace.
     */
    public void validate(Sequence sequence, SequenceCompiler.Lookups extra, List<Sequence> saved) {
        SequenceCompiler.Lookups both = extra == null ? lookups : new SequenceCompiler.Lookups(
                n -> lookups.model().test(n) || extra.model().test(n),
                n -> lookups.sequence().test(n) || extra.sequence().test(n),
                n -> lookups.connector().test(n) || extra.connector().test(n));
        compiler.compile(sequence.withVersion(0), both).close();
        refuseAtSave(sequence, saved);
    }

    /**
     * Checked when saving, not when compiling (sequences saved before still run): the reserved name, and
     * a hook another sequence answers already, which would never reach this one.
     */
    private void refuseAtSave(Sequence sequence, List<Sequence> saved) {
        List<FieldError> errors = new ArrayList<>();
        if (ModelValidator.RESERVED_NAME.equals(sequence.name())) {
            errors.add(new FieldError("/name", "'new' is reserved: the UI's page for a new sequence is /sequences/new"));
        }
        Set<String> replaced = saved.stream().map(Sequence::name).collect(Collectors.toSet());
        List<Sequence> others = Stream.concat(store.list().stream().filter(s -> !replaced.contains(s.name())), saved.stream())
                .filter(s -> !s.name().equals(sequence.name())).toList();
        for (int i = 0; i < sequence.triggers().size(); i++) {
            if (sequence.triggers().get(i) instanceof Trigger.Http hook) {
                for (Sequence other : others) {
                    if (other.triggers().stream().anyMatch(t -> t instanceof Trigger.Http h && h.sameRoute(hook))) {
                        errors.add(new FieldError("/triggers/" + i, hook.method() + " " + hook.path()
                                + " is answered by sequence '" + other.name() + "' already"));
                        break;
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Compiles a sequence (e.g. an older version) without storing or caching it; close it after use. */
    public CompiledSequence compileDetached(Sequence sequence) {
        return compiler.compileStored(sequence, lookups);
    }

    public Optional<Sequence> find(String name) {
        return store.find(name);
    }

    public Sequence get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("no sequence '" + name + "'"));
    }

    public List<Sequence> list() {
        return store.list();
    }

    public boolean exists(String name) {
        return compiled.containsKey(name) || store.find(name).isPresent();
    }

    public void delete(String name) {
        if (!store.delete(name)) {
            throw new NotFoundException("no sequence '" + name + "'");
        }
        replace(name, null);
        changed();
        deleteListeners.forEach(l -> l.accept(name));
    }

    /** Drops cached compiled forms after the stored definitions were changed underneath (a purge redaction). */
    public void reloaded(List<String> names) {
        names.forEach(name -> replace(name, null));
        changed();
    }

    /** The compiled current version if it is already compiled (never compiles or reads the store). */
    public Optional<CompiledSequence> ifCompiled(String name) {
        return Optional.ofNullable(compiled.get(name));
    }

    /** The compiled current version, compiled on first use after a restart. */
    public Optional<CompiledSequence> compiled(String name) {
        CompiledSequence cached = compiled.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.find(name).map(s -> compiled.computeIfAbsent(name, n -> compiler.compileStored(s, lookups)));
    }

    private void replace(String name, CompiledSequence next) {
        CompiledSequence previous = next == null ? compiled.remove(name) : compiled.put(name, next);
        if (previous != null) {
            previous.close();
        }
    }

    private void changed() {
        List<Sequence> all = store.list();
        changeListeners.forEach(l -> l.accept(all));
    }
}
