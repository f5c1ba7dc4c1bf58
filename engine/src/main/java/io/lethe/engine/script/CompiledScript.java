package io.lethe.engine.script;

import io.lethe.engine.json.Flat;
import io.lethe.engine.json.Json;
import io.lethe.engine.json.RawJson;
import io.lethe.engine.json.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One script block's code with a pool of ready sandboxed contexts.
 *
 * <p>Isolation between runs that share a pooled context: the body is built with the Function
 * constructor (it cannot close over state outside itself), runs in strict mode, every object
 * reachable from the global object, and the built-ins reached only through objects a script makes (iterator,
 * generator and async function prototypes), is frozen after setup, and inputs arrive as primitives or as
 * {@linkplain Flat flattened} values built anew inside the run (each top-level member when the script first reads it). So
 * nothing a run stores survives into the next one.
 */
public final class CompiledScript implements AutoCloseable {

    static final String PARSE_PREFIX = "(function(input, steps, context) {\"use strict\";";

    private static final String SETUP = """
            (function (body, log, shapeText) {
              "use strict";
              const show = (v) => typeof v === 'string' ? v : JSON.stringify(v);
              const write = (...args) => log(args.map(show).join(' '));
              Object.defineProperty(globalThis, 'console', { value: Object.freeze({
                log: write, info: write, warn: write, error: write, debug: write }) });
              const user = Function('input', 'steps', 'context', '"use strict";\\n' + body);
              const seen = new Set();
              const freeze = (o) => {
                if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) return;
                seen.add(o);
                Object.freeze(o);
                for (const key of Reflect.ownKeys(o)) {
                  const d = Object.getOwnPropertyDescriptor(o, key);
                  if (d) { freeze(d.value); freeze(d.get); freeze(d.set); }
                }
                freeze(Object.getPrototypeOf(o));
              };
              freeze(globalThis);
              // Built-ins no global property leads to, reached through objects a script makes (an array's
              // iterator, an async function, a generator...): frozen too, or a run could leave data there.
              const proto = Object.getPrototypeOf;
              const hidden = [[][Symbol.iterator](), new Map().keys(), new Set().values(), ''[Symbol.iterator](),
                'a'.matchAll(/a/g), async function () {}, function* () {}, async function* () {},
                (function* () {})(), (async function* () {})()];
              if (typeof Iterator === 'function' && Iterator.prototype.map) hidden.push([].values().map((x) => x));
              if (typeof Iterator === 'function' && Iterator.from) hidden.push(Iterator.from({ next() {} }));
              if (typeof Intl === 'object' && Intl.Segmenter) {
                const segments = new Intl.Segmenter().segment('');
                hidden.push(segments, segments[Symbol.iterator]());
              }
              hidden.forEach((o) => freeze(proto(o)));
              // A value the script may not read arrives flattened (see io.lethe.engine.json.Flat): its node
              // kinds, then the values they take. It is built when first read, each shape of object by a
              // factory made once (one object literal: far cheaper than a property store per member).
              const literal = (key) => key === '__proto__' ? '[' + JSON.stringify(key) + ']' : JSON.stringify(key); // an own property
              const builders = new Map();
              const builder = (shape) => { // makes an object of that shape from members p[i], p[i + 1]...
                let b = builders.get(shape);
                if (b === undefined) {
                  // Code is made from keys, and kept, only for a numbered shape: keys sent as text may be data.
                  const numbered = typeof shape === 'number', keep = numbered && builders.size < MAX_SHAPES;
                  const keys = JSON.parse(numbered ? shapeText(shape, false) : shape);
                  const make = keep
                    ? Function('p', 'i', '"use strict";\\nreturn {' + keys.map((k, m) => literal(k) + ': p[i + ' + m + ']').join(',\\n') + '};')
                    : (p, i) => {
                      const o = {};
                      keys.forEach((key, m) => Object.defineProperty(o, key, { value: p[i + m], writable: true, enumerable: true, configurable: true }));
                      return o;
                    };
                  b = { make, n: keys.length };
                  if (keep) builders.set(shape, b);
                }
                return b;
              };
              // One loop, no recursion: nodes built wait in `built` until the container they are in is complete.
              const decode = (p, at) => {
                const kinds = p[at], built = [], open = []; // open: per unfinished container, its builder (null: array), members left, first member
                let v = at + 1;
                for (let k = 0; k < kinds.length; k++) {
                  let node;
                  const c = kinds.charCodeAt(k);
                  if (c === 118) { // v: a value
                    node = p[v++];
                  } else if (c === 97) { // a: an array of values
                    const n = p[v++];
                    node = new Array(n);
                    for (let e = 0; e < n; e++) node[e] = p[v++];
                  } else if (c === 106) { // j: JSON text
                    node = JSON.parse(p[v++]);
                  } else { // [ or {: a container, then its members
                    const b = c === 91 ? null : builder(p[v]);
                    const n = b === null ? p[v] : b.n;
                    v++;
                    if (n > 0) {
                      open.push(b, n, built.length);
                      continue;
                    }
                    node = b === null ? [] : {};
                  }
                  built.push(node);
                  for (let top = open.length - 3; top >= 0 && --open[top + 1] === 0; top -= 3) {
                    const first = open[top + 2], b = open[top];
                    let container;
                    if (b === null) {
                      container = new Array(built.length - first);
                      for (let e = first; e < built.length; e++) container[e - first] = built[e];
                    } else {
                      container = b.make(built, first);
                    }
                    built.length = first;
                    open.length = top;
                    built.push(container);
                  }
                }
                return built[0];
              };
              // The script's own arguments: each member of an object arrives as a value (strings, numbers,
              // booleans, null) or flattened, built the first time the script reads it: a script that reads
              // input.body does not pay for the headers, nor for the output of every earlier step.
              const factories = new Map();
              const factory = (shape) => {
                const numbered = typeof shape === 'number';
                const spec = JSON.parse(numbered ? shapeText(shape, true) : shape); // [key, isValue, key, isValue, ...]
                if (!numbered) { // keys sent as text may be data: no code made from them, each member built at once
                  return (decode, p, i) => {
                    const o = {};
                    for (let m = 0; m < spec.length; m += 2) {
                      const t = p[i + m / 2];
                      Object.defineProperty(o, spec[m], { value: spec[m + 1] ? t : decode(p, t), writable: true, enumerable: true, configurable: true });
                    }
                    return o;
                  };
                }
                let vars = '';
                const members = [];
                for (let m = 0; m < spec.length; m += 2) {
                  const n = m / 2, name = literal(spec[m]);
                  vars += `let t${n} = p[i + ${n}], v${n};\\n`;
                  members.push(spec[m + 1] ? `${name}: t${n}`
                    : `get ${name}() { if (t${n} !== undefined) { v${n} = decode(p, t${n}); t${n} = undefined; } return v${n}; },\\n`
                      + `set ${name}(v) { v${n} = v; t${n} = undefined; }`);
                }
                return Function('decode', 'p', 'i', '"use strict";\\n' + vars + 'return {' + members.join(',\\n') + '};');
              };
              return function (parts) { // one host array, read in place: spread as arguments, GraalJS would copy it at each call
                let i = 0;
                const next = () => {
                  const members = parts[i++];
                  if (members < 0) return decode(parts, parts[i++]);
                  if (members === 0) return {};
                  const shape = parts[i++];
                  let make = factories.get(shape);
                  if (make === undefined) {
                    make = factory(shape);
                    if (typeof shape === 'number' && factories.size < MAX_SHAPES) factories.set(shape, make);
                  }
                  const o = make(decode, parts, i);
                  i += members;
                  return o;
                };
                const input = next(), steps = next(), context = next();
                const result = user(input, steps, context);
                if (result === undefined) return undefined;
                const text = JSON.stringify(result);
                if (text !== undefined && text.length > MAX_OUTPUT_CHARS) {
                  throw new RangeError('the output is larger than MAX_OUTPUT_MB million characters of JSON');
                }
                return text;
              };
            })
            """.replace("MAX_SHAPES", String.valueOf(CompiledScript.MAX_SHAPES))
            .replace("MAX_OUTPUT_CHARS", String.valueOf(CompiledScript.MAX_OUTPUT_CHARS))
            .replace("MAX_OUTPUT_MB", String.valueOf(CompiledScript.MAX_OUTPUT_CHARS / 1_000_000));

    /**
     * The setup, under its own name: its statements (building the arguments, the result's text) are
     * not counted against a run's statement limit, only the script's own and what it makes.
     */
    static final Source SETUP_SOURCE = Source.newBuilder("js", SETUP, "lethe-setup.js").buildLiteral();

    private final ScriptEngine engine;
    private final String source;
    /** Per argument (input, steps, context), the members the script can read, or null for any ({@link Reads}). */
    private final List<Set<String>> reads;
    private final ConcurrentLinkedDeque<Pooled> pool = new ConcurrentLinkedDeque<>();
    /**
     * The context each (platform) thread used last: entering a context on the thread that left it is
     * GraalJS's fast path. It stays here while a run uses it ({@link Pooled#take}), so a run writes nothing here.
     */
    private final ConcurrentHashMap<Thread, Pooled> byThread = new ConcurrentHashMap<>();
    private volatile boolean closed;

    CompiledScript(ScriptEngine engine, String source) {
        this.engine = engine;
        this.source = source;
        this.reads = Arrays.asList(Reads.members(source, "input"), Reads.members(source, "steps"),
                Reads.members(source, "context"));
    }

    /**
     * Runs the script with deep copies of the given values and returns what it returned.
     * Never hangs: past {@code timeout} the run is interrupted and reported as failed. Called from a
     * virtual thread, the run moves to the engine's bounded pool of platform threads (GraalJS is not
     * made for virtual threads); a platform thread runs it itself.
     */
    public ScriptOutcome run(Object input, Object steps, Object context, Duration timeout) {
        return run(input, steps, context, timeout, false);
    }

    /**
     * As {@link #run}, but a returned value stays the JSON text the script produced
     * ({@link RawJson}), parsed only if something looks inside it.
     */
    public ScriptOutcome runRaw(Object input, Object steps, Object context, Duration timeout) {
        return run(input, steps, context, timeout, true);
    }

    private ScriptOutcome run(Object input, Object steps, Object context, Duration timeout, boolean raw) {
        Object[] arguments = arguments(reads, input, steps, context);
        if (!Thread.currentThread().isVirtual()) {
            return runHere(arguments, timeout, raw); // a platform thread (bounded by its pool) runs it directly
        }
        try {
            return engine.threads().submit(() -> runHere(arguments, timeout, raw)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScriptOutcome.Failed("interrupted", 0, List.of());
        } catch (ExecutionException e) {
            return new ScriptOutcome.Failed("script engine error: " + e.getCause().getMessage(), 0, List.of());
        }
    }

    /** The text of a numbered {@link Shape}, asked by a context the first time it meets the number. */
    private static final ProxyExecutable SHAPE_TEXT = args -> Shape.of(args[0].asInt()).text(args[1].asBoolean());

    /** Factories kept per context; an object of yet another shape gets a factory made for it alone. */
    static final int MAX_SHAPES = 256;

    /**
     * The longest output a script may give, as JSON text: it is held whole, recorded and traced (a 20 MB
     * string failed the JSON reader with an internal error that left no execution record).
     */
    static final int MAX_OUTPUT_CHARS = 10_000_000;

    /** Objects with more members are built whole: a literal with an accessor per member would cost more than building it. */
    static final int LAZY_MEMBERS = 64;

    /**
     * The values as the setup function takes them, in one array it reads in place (strings, numbers,
     * booleans and nulls only: no other host object reaches a context through it): per value, an object's member count, its
     * {@linkplain Shape shape} (a number, or the JSON array of each member's name and whether it is given
     * as a value), then each member as
     * a value (a string, boolean, null or a number a double holds exactly) or as the index of its
     * flattened form; or 0 for an absent or empty object; or -1 and the index of any other value
     * flattened (or of an object with more than {@link #LAZY_MEMBERS} members). The flattened forms
     * follow: each a {@link Flat}'s kinds then its values, or "j" then JSON text when it has none.
     * Of an object the script reads only some members of, only those are given; one it never names is given as empty.
     */
    private static Object[] arguments(List<Set<String>> reads, Object... values) {
        Flat.Parts parts = new Flat.Parts(16);
        List<Object> later = new ArrayList<>(); // slot, value, slot, value...
        for (int v = 0; v < values.length; v++) {
            Object value = values[v];
            Set<String> read = reads.get(v);
            if (value == null || read != null && read.isEmpty() || value instanceof Map<?, ?> empty && empty.isEmpty()) {
                parts.add(0);
            } else if (value instanceof Map<?, ?> map && map.size() <= LAZY_MEMBERS) {
                int countAt = parts.size();
                parts.add(null);
                int shapeAt = parts.size();
                parts.add(null);
                Shape.Keys keys = new Shape.Keys(true);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    if (read == null || read.contains(key)) {
                        boolean asValue = Flat.isValue(entry.getValue());
                        keys.add(key, asValue);
                        later(parts, later, asValue, entry.getValue());
                    }
                }
                if (keys.count() == 0) {
                    parts.truncate(shapeAt); // no member it reads is there: an empty object
                    parts.set(countAt, 0);
                } else {
                    parts.set(countAt, keys.count());
                    parts.set(shapeAt, keys.shape());
                }
            } else {
                parts.add(-1);
                later(parts, later, false, value);
            }
        }
        int size = parts.size();
        for (int i = 1; i < later.size(); i += 2) {
            size += Flat.Parts.flatSize(later.get(i));
        }
        parts.ensureCapacity(size); // mostly exact: adding the flattened values then grows nothing
        for (int i = 0; i < later.size(); i += 2) {
            parts.set((Integer) later.get(i), parts.size());
            parts.addFlat(later.get(i + 1));
        }
        return parts.array(); // read by index in place: it may be longer than the parts are
    }

    /** Adds a value, or a slot for the index of its flattened form (filled once the values are all in). */
    private static void later(Flat.Parts parts, List<Object> later, boolean asValue, Object value) {
        if (!asValue) {
            later.add(parts.size());
            later.add(value);
        }
        parts.add(asValue ? value : null);
    }

    private ScriptOutcome runHere(Object[] arguments, Duration timeout, boolean raw) {
        Thread thread = Thread.currentThread();
        Pooled pooled = byThread.get(thread); // the context kept for this thread, taken without a map write per run
        if (pooled == null || !pooled.take()) {
            pooled = pool.pollFirst();
            if (pooled != null) {
                pooled.take();
            }
        }
        if (pooled == null) {
            try {
                pooled = new Pooled();
                pooled.take();
            } catch (PolyglotException e) {
                return failure(e, List.of(), timeout, null);
            }
        }
        pooled.console.clear();
        pooled.context.resetLimits();
        Pooled running = pooled;
        if (running.stopped != null) {
            running.stopped = null;
        }
        running.runner = thread.threadId(); // published by the volatile write below
        running.deadline = System.nanoTime() + timeout.toNanos();
        boolean reusable = true;
        try {
            Value result = running.entry.execute((Object) arguments); // one argument: the array itself
            Object value = result.isNull() ? null
                    : raw ? new RawJson(result.asString()) : Json.read(result.asString());
            return new ScriptOutcome.Returned(value,
                    List.copyOf(running.console));
        } catch (PolyglotException e) {
            reusable = e.isGuestException() && !e.isInterrupted() && !e.isCancelled() && !e.isResourceExhausted();
            return failure(e, List.copyOf(running.console), timeout, running.stopped);
        } finally {
            running.deadline = Watchdog.IDLE;
            if (reusable && !closed && !running.broken) {
                boolean kept = byThread.get(thread) == running || byThread.putIfAbsent(thread, running) == null;
                running.release();
                if (!kept) {
                    pool.offerFirst(running);
                }
                if (closed) {
                    close(); // closed while this run went on: nothing may stay behind
                }
            } else {
                byThread.remove(thread, running);
                running.close();
            }
        }
    }

    private ScriptOutcome failure(PolyglotException e, List<String> console, Duration timeout, Watchdog.Stop stopped) {
        if (e.isResourceExhausted() && !e.isCancelled()) { // the host's heap ran out (the statement limit also cancels)
            return new ScriptOutcome.Failed("script ran out of memory: the server's heap could not hold what it allocated", 0, console);
        }
        if (e.isResourceExhausted()) { // before the cancel check: the statement limit cancels the context
            return new ScriptOutcome.Failed("script exceeded " + engine.settings().statementLimit() + " statements", 0, console);
        }
        if ((e.isInterrupted() || e.isCancelled()) && stopped == Watchdog.Stop.MEMORY) {
            return new ScriptOutcome.Failed("script allocated more than " + engine.settings().memoryLimitMegabytes() + " MB", 0, console);
        }
        if (e.isInterrupted() || e.isCancelled()) {
            return new ScriptOutcome.Failed("script timed out after " + timeout.toMillis() + " ms", 0, console);
        }
        int line = 0;
        if (e.isSyntaxError()) {
            line = e.getSourceLocation() == null ? 0 : e.getSourceLocation().getStartLine();
        } else {
            // A thrown value has no location of its own: take the innermost guest frame that has one. Never
            // the setup's (a write to a frozen object has none in the script's frame): no line beats a wrong one.
            var location = e.getSourceLocation();
            if (location == null) {
                for (var frame : e.getPolyglotStackTrace()) {
                    if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
                        location = frame.getSourceLocation();
                        break;
                    }
                }
            }
            boolean inScript = location != null && !location.getSource().getName().equals(SETUP_SOURCE.getName());
            line = inScript ? Math.max(0, location.getStartLine() - engine.lineOffset()) : 0;
        }
        return new ScriptOutcome.Failed(e.getMessage(), line, console);
    }

    @Override
    public void close() {
        closed = true;
        Pooled pooled;
        while ((pooled = pool.pollFirst()) != null) {
            pooled.close();
        }
        byThread.forEach((thread, kept) -> {
            if (kept.take()) { // else a run is using it, and closes it when it ends
                byThread.remove(thread, kept);
                kept.close();
            }
        });
    }

    /** A sandboxed context with the script set up in it, used by one run at a time. */
    private final class Pooled implements Watchdog.Watched {
        final Context context;
        final Value entry;
        final List<String> console = new ArrayList<>();
        volatile boolean broken;
        volatile long deadline = Watchdog.IDLE;
        long runner;
        volatile Watchdog.Stop stopped;
        private final AtomicBoolean taken = new AtomicBoolean();

        Pooled() {
            context = engine.sandbox().build();
            try {
                Value setup = context.eval(SETUP_SOURCE);
                entry = setup.execute(source, (ProxyExecutable) args -> {
                    if (console.size() < 1000) {
                        console.add(args.length == 0 ? "" : args[0].asString());
                    }
                    return null;
                }, SHAPE_TEXT);
            } catch (RuntimeException e) {
                context.close(true);
                throw e;
            }
            engine.watchdog().watch(this);
        }

        /** Takes it for one run (or for closing); false when a run or {@link CompiledScript#close} has it. */
        boolean take() {
            return taken.compareAndSet(false, true);
        }

        void release() {
            taken.set(false);
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public long runner() {
            return runner;
        }

        @Override
        public void interrupt(Watchdog.Stop why) {
            stopped = why;
            try {
                context.interrupt(Duration.ofMillis(500));
            } catch (TimeoutException | RuntimeException e) {
                broken = true;
                close();
            }
        }

        void close() {
            engine.watchdog().forget(this);
            context.close(true);
        }
    }
}
