package io.lethe.engine.script;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Runs designers' JavaScript (GraalJS) in a sandbox: no host access (but reading the setup's array of
 * arguments, out of scripts' reach), no IO, no threads, no processes, no environment, no polyglot; a
 * statement limit and a wall-clock limit per run.
 *
 * <p>One shared {@link Engine} caches parsed and compiled code; each {@link CompiledScript} keeps a
 * pool of ready contexts because a new context costs ~100x a run. Runs happen on a bounded pool of
 * platform threads.
 */
public final class ScriptEngine implements AutoCloseable {

    private final Engine engine;
    private final ScriptSettings settings;
    private final ExecutorService threads;
    private final Watchdog watchdog;
    private final int lineOffset;

    public ScriptEngine(ScriptSettings settings) {
        this.settings = settings;
        this.watchdog = new Watchdog(settings.memoryLimit());
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(settings.threads(),
                r -> daemon(r, "lethe-script-" + n.incrementAndGet()));
        this.lineOffset = measureLineOffset();
    }

    /** "GraalVM CE" when compiled (JIT), "Interpreted" in the fallback runtime. */
    public String implementationName() {
        return engine.getImplementationName();
    }

    public ScriptSettings settings() {
        return settings;
    }

    /**
     * Syntax errors of a script body, without running it. Empty when it parses. Called from a virtual
     * thread (an API request), the check moves to the script threads: GraalJS contexts are not for
     * virtual threads.
     */
    public List<ScriptProblem> check(String source) {
        if (Thread.currentThread().isVirtual()) {
            try {
                return threads.submit(() -> checkHere(source)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking a script", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return checkHere(source);
    }

    private List<ScriptProblem> checkHere(String source) {
        try (Context context = sandbox().build()) {
            context.parse(Source.create("js", CompiledScript.PARSE_PREFIX + source + "\n})"));
            return List.of();
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            var location = e.getSourceLocation();
            int line = location == null ? 0 : location.getStartLine();
            int column = location == null ? 0 : location.getStartColumn();
            if (line == 1) {
                column = Math.max(1, column - CompiledScript.PARSE_PREFIX.length());
            }
            List<ScriptProblem> problems = new ArrayList<>();
            problems.add(new ScriptProblem(line, column, parserMessage(e.getMessage())));
            return problems;
        }
    }

    /**
     * The parser's own words: GraalJS starts with a location in the wrapped source and ends with the
     * wrapped line and a caret, neither of which means anything to the script's author.
     */
    static String parserMessage(String raw) {
        String first = raw == null ? "" : raw.lines().findFirst().orElse("");
        return first.replaceFirst("^(SyntaxError: )?[^\\s:]*:\\d+:\\d+ ", "").strip();
    }

    /** Prepares {@code source} (a function body over {@code input}, {@code steps}, {@code context}). */
    public CompiledScript compile(String source) {
        return new CompiledScript(this, source);
    }

    /**
     * No host access but reading the elements of a host array: the one host array a context is given is
     * the setup's arguments ({@link CompiledScript}), held where no script can reach it. Read in place,
     * they are neither copied nor converted at the call.
     */
    private static final HostAccess ARGUMENTS_ONLY = HostAccess.newBuilder().allowArrayAccess(true).build();

    Context.Builder sandbox() {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(ARGUMENTS_ONLY)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowValueSharing(false)
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                // Experimental, but without it RegExp.$1 would show one run the last match of the previous run.
                .allowExperimentalOptions(true)
                .option("js.regexp-static-result", "false")
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(settings.statementLimit(), source -> !source.equals(CompiledScript.SETUP_SOURCE)).build());
    }

    ExecutorService threads() {
        return threads;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    int lineOffset() {
        return lineOffset;
    }

    /** How many lines the Function constructor puts before a body (engine-specific), measured once. */
    private int measureLineOffset() {
        var probe = compile("null.probe;");
        ScriptOutcome outcome = probe.run(null, null, null, settings.defaultTimeout());
        probe.close();
        return outcome instanceof ScriptOutcome.Failed failed ? Math.max(0, failed.line() - 1) : 0;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        watchdog.close();
        engine.close(true);
    }
}
