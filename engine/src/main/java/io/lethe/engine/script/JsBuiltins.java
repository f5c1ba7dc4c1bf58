package io.lethe.engine.script;

import java.util.Arrays;
import java.util.Set;
import org.graalvm.polyglot.Context;

/**
 * The names JavaScript itself defines, as GraalJS reports them: the globals ({@code Math}, {@code JSON}, {@code Date}...)
 * and every property name reachable from them and from the prototypes of values scripts make ({@code max},
 * {@code length}, {@code map}...). Found once, on first use, in a throwaway context.
 */
public final class JsBuiltins {

    private static final String COLLECT = """
            (() => {
              const names = new Set(), seen = new Set();
              const visit = (o, depth) => {
                if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o) || depth > 4) return;
                seen.add(o);
                for (const k of Object.getOwnPropertyNames(o)) {
                  names.add(k);
                  let v; try { v = o[k]; } catch (e) { continue; }
                  visit(v, depth + 1);
                }
                visit(Object.getPrototypeOf(o), depth + 1);
              };
              visit(globalThis, 0);
              for (const x of ['', 0, true, Symbol(), 0n, [][Symbol.iterator](), new Map().entries(), new Set().values(),
                  ''[Symbol.iterator](), (function* () {})(), (async function () {})(), (async function* () {})()]) {
                visit(Object.getPrototypeOf(x), 1);
              }
              return [Object.getOwnPropertyNames(globalThis).join(' '), [...names].join(' ')];
            })()""";

    private JsBuiltins() {
    }

    /** Own names of the global object ({@code Math}, {@code parseInt}...). */
    public static Set<String> globals() {
        return Holder.GLOBALS;
    }

    /** Every property name JavaScript defines, globals included. */
    public static Set<String> members() {
        return Holder.MEMBERS;
    }

    private static final class Holder {
        private static final Set<String> GLOBALS;
        private static final Set<String> MEMBERS;

        static {
            try (Context context = Context.newBuilder("js").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                    .option("js.console", "false").option("js.print", "false").option("js.load", "false")
                    .option("js.graal-builtin", "false").option("js.polyglot-builtin", "false")
                    .option("js.java-package-globals", "false").build()) {
                var found = context.eval("js", COLLECT);
                GLOBALS = Set.copyOf(Arrays.asList(found.getArrayElement(0).asString().split(" ")));
                MEMBERS = Set.copyOf(Arrays.asList(found.getArrayElement(1).asString().split(" ")));
            }
        }
    }
}
