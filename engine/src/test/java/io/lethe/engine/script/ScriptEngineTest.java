package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScriptEngineTest {

    static ScriptEngine engine;
    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @BeforeAll
    static void start() {
        engine = new ScriptEngine(ScriptSettings.defaults());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void shouldTransformTheInputAndCaptureConsoleLines() {
        var script = engine.compile("""
                console.log('hello', input.name, {n: 1});
                return { name: input.name.toUpperCase(), total: input.values.reduce((a, b) => a + b, 0), prev: steps.a.output };
                """);

        ScriptOutcome outcome = script.run(Map.of("name", "ada", "values", List.of(1, 2, 3)),
                Map.of("a", Map.of("output", 7)), null, ONE_SECOND);

        assertThat(outcome).isInstanceOf(ScriptOutcome.Returned.class);
        assertThat(((ScriptOutcome.Returned) outcome).value()).isEqualTo(Map.of("name", "ADA", "total", 6, "prev", 7));
        assertThat(outcome.console()).containsExactly("hello ada {\"n\":1}");
    }

    @Test
    void inputsShouldBehaveAsPlainObjectsThoughTheirMembersAreParsedOnFirstRead() {
        var script = engine.compile("""
                const keys = Object.keys(input).join(',');
                const text = JSON.stringify(input);
                const copy = { ...steps };
                input.body.seen = true;
                const mutated = input.body.seen;
                input.body = 'replaced';
                delete input.headers;
                return { keys, text, copy, mutated, body: input.body, has: 'headers' in input, after: Object.keys(input).join(','),
                         proto: Object.getPrototypeOf(input) === Object.prototype, n: input.n, list: Array.isArray(input.list),
                         item: context.item, primitive: typeof steps };
                """);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("method", "POST");
        input.put("headers", Map.of("host", "h"));
        input.put("body", Map.of("a", 1));
        input.put("n", 2.5);
        input.put("list", List.of(1, "x"));

        ScriptOutcome outcome = script.run(input, Map.of("first", Map.of("output", "o")), Map.of("item", List.of(3)), ONE_SECOND);

        assertThat(outcome).isInstanceOf(ScriptOutcome.Returned.class);
        Map<?, ?> value = (Map<?, ?>) ((ScriptOutcome.Returned) outcome).value();
        assertThat(value.get("keys")).isEqualTo("method,headers,body,n,list");
        assertThat(value.get("text")).isEqualTo("{\"method\":\"POST\",\"headers\":{\"host\":\"h\"},\"body\":{\"a\":1},\"n\":2.5,\"list\":[1,\"x\"]}");
        assertThat(value.get("copy")).isEqualTo(Map.of("first", Map.of("output", "o")));
        assertThat(value.get("mutated")).isEqualTo(true);
        assertThat(value.get("body")).isEqualTo("replaced");
        assertThat(value.get("has")).isEqualTo(false);
        assertThat(value.get("after")).isEqualTo("method,body,n,list");
        assertThat(value.get("proto")).isEqualTo(true);
        assertThat(value.get("n")).isEqualTo(2.5);
        assertThat(value.get("list")).isEqualTo(true);
        assertThat(value.get("item")).isEqualTo(List.of(3));
        assertThat(value.get("primitive")).isEqualTo("object");
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i <= CompiledScript.LAZY_MEMBERS; i++) {
            wide.put("k" + i, i);
        }
        assertThat(((ScriptOutcome.Returned) engine.compile("return [Object.keys(input).length, input.k64, JSON.stringify(input).length];")
                .run(wide, null, null, ONE_SECOND)).value()).isEqualTo(List.of(65, 64, Json.write(wide).length()));
        var values = engine.compile("return [typeof input, input, steps[1], Object.keys(context).length];");
        assertThat(((ScriptOutcome.Returned) values.run("just text", List.of(1, 2), null, ONE_SECOND)).value())
                .isEqualTo(List.of("string", "just text", 2, 0));
    }

    @Test
    void shouldGiveEveryKindOfMemberAsItsJsonWouldBe() {
        var script = engine.compile("""
                input.text = input.text + '!';
                input.n += 1;
                return { keys: Object.keys(input), own: Object.getOwnPropertyNames(input).includes('__proto__'),
                         proto: Object.getPrototypeOf(input) === Object.prototype, kinds: Object.values(input).map(v => v === null ? 'null' : typeof v),
                         text: JSON.stringify(input), weird: input[Object.keys(input)[8]], again: steps.a.x };
                """);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("text", "a \"quoted\" \u2028 line");
        input.put("n", 41);
        input.put("big", (1L << 60) + 1);
        input.put("half", 0.5);
        input.put("nan", Double.NaN);
        input.put("yes", true);
        input.put("none", null);
        input.put("__proto__", Map.of("polluted", true));
        input.put("we\"ird\\n", List.of("x"));
        input.put("line\u2028separator", "`${x}`");

        for (int run = 0; run < 3; run++) { // the second and third runs take the shape's factory from the cache
            var outcome = (ScriptOutcome.Returned) script.run(input, Map.of("a", Map.of("x", run)), null, ONE_SECOND);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) outcome.value();
            assertThat(seen.get("keys")).isEqualTo(List.of("text", "n", "big", "half", "nan", "yes", "none", "__proto__", "we\"ird\\n",
                    "line\u2028separator"));
            assertThat(seen.get("own")).isEqualTo(true);
            assertThat(seen.get("proto")).isEqualTo(true);
            assertThat(seen.get("kinds")).isEqualTo(List.of("string", "number", "number", "number", "string", "boolean", "null", "object", "object",
                    "string"));
            assertThat(seen.get("weird")).isEqualTo(List.of("x"));
            assertThat(seen.get("again")).isEqualTo(run);
            Map<String, Object> expected = new LinkedHashMap<>(input);
            expected.put("text", "a \"quoted\" \u2028 line!");
            expected.put("n", 42);
            expected.put("big", 1152921504606847000L); // 2^60 + 1 as JSON.parse makes it: the nearest double
            expected.put("nan", "NaN"); // as Jackson writes it
            assertThat(Json.read((String) seen.get("text"))).isEqualTo(Json.read(Json.write(expected)));
        }
    }

    @Test
    void shouldBuildObjectsOfMoreShapesThanItKeepsFactoriesFor() {
        var script = engine.compile("const [key] = Object.keys(input); return key + '=' + input[key];");
        for (int i = 0; i < CompiledScript.MAX_SHAPES + 3; i++) {
            var outcome = (ScriptOutcome.Returned) script.run(Map.of("k" + i, Map.of("n", i)), null, null, ONE_SECOND);
            assertThat(outcome.value()).isEqualTo("k" + i + "=[object Object]");
        }
        var again = (ScriptOutcome.Returned) script.run(Map.of("k0", "first shape again"), null, null, ONE_SECOND);
        assertThat(again.value()).isEqualTo("k0=first shape again");
    }

    @Test
    void shouldNeverLetOneRunSeeAnotherRunsData() {
        var script = engine.compile("""
                const before = { global: typeof globalThis.leak, proto: typeof Object.prototype.leak, array: [].leak };
                try { globalThis.leak = input.secret; } catch (e) { before.globalBlocked = e.name; }
                try { Object.prototype.leak = input.secret; } catch (e) { before.protoBlocked = e.name; }
                try { Array.prototype.leak = input.secret; } catch (e) { before.arrayBlocked = e.name; }
                try { JSON.leak = input.secret; } catch (e) { before.jsonBlocked = e.name; }
                /(s.cret)/.test(input.secret);
                before.lastMatch = typeof RegExp.$1 === 'string' ? RegExp.$1 : 'none';
                return before;
                """);

        script.run(Map.of("secret", "secret-of-run-one"), null, null, ONE_SECOND);
        var second = (ScriptOutcome.Returned) script.run(Map.of("secret", "other"), null, null, ONE_SECOND);

        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) second.value();
        assertThat(seen).containsEntry("global", "undefined").containsEntry("proto", "undefined")
                .containsEntry("globalBlocked", "TypeError").containsEntry("protoBlocked", "TypeError")
                .containsEntry("arrayBlocked", "TypeError").containsEntry("jsonBlocked", "TypeError")
                .doesNotContainKey("array");
        assertThat(String.valueOf(seen.get("lastMatch"))).doesNotContain("secret-of-run-one");
        assertThat(second.toString()).doesNotContain("secret-of-run-one");
    }

    @Test
    void shouldFreezeTheBuiltInsReachableOnlyThroughObjectsAScriptMakes() {
        // prototypes no global property leads to: a run storing a value there would hand it to the next run
        var script = engine.compile("""
                const proto = Object.getPrototypeOf;
                const hidden = {
                  arrayIterator: proto([][Symbol.iterator]()), mapIterator: proto(new Map().keys()),
                  setIterator: proto(new Set().values()), stringIterator: proto(''[Symbol.iterator]()),
                  regexpStringIterator: proto('a'.matchAll(/a/g)), iterator: proto(proto([][Symbol.iterator]())),
                  asyncFunction: proto(async function () {}), generatorFunction: proto(function* () {}),
                  asyncGeneratorFunction: proto(async function* () {}), generator: proto(proto((function* () {})())),
                  asyncGenerator: proto(proto((async function* () {})())),
                  asyncIterator: proto(proto(proto((async function* () {})()))),
                  iteratorHelper: typeof Iterator === 'function' && Iterator.prototype.map ? proto([].values().map((x) => x)) : null,
                  wrapForValidIterator: typeof Iterator === 'function' && Iterator.from ? proto(Iterator.from({ next() {} })) : null,
                  segments: typeof Intl === 'object' && Intl.Segmenter ? proto(new Intl.Segmenter().segment('')) : null,
                  segmentIterator: typeof Intl === 'object' && Intl.Segmenter ? proto(new Intl.Segmenter().segment('')[Symbol.iterator]()) : null,
                };
                const open = Object.keys(hidden).filter((k) => hidden[k] !== null && !Object.isFrozen(hidden[k]));
                try { hidden.arrayIterator.lastEmail = input.secret; } catch (e) { open.push('write: ' + e.name); }
                return open;
                """);

        var outcome = script.run(Map.of("secret", "ada@example.org"), null, null, ONE_SECOND);
        var next = script.run(Map.of("secret", "x"), null, null, ONE_SECOND);

        assertThat(outcome).isInstanceOfSatisfying(ScriptOutcome.Returned.class,
                r -> assertThat(r.value()).as("built-ins left open").isEqualTo(List.of("write: TypeError")));
        assertThat(next.toString()).doesNotContain("ada@example.org");
    }

    @Test
    void shouldCloseEveryContextAScriptKeptOnAnyThread() throws Exception {
        int before = engine.watchdog().watching();
        var script = engine.compile("return input.n * 2;");
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<ScriptOutcome>> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    runs.add(threads.submit(() -> script.run(Map.of("n", n), null, null, ONE_SECOND)));
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(runs.get(i).get()).isEqualTo(new ScriptOutcome.Returned(i * 2, List.of()));
                }
            }
            assertThat(engine.watchdog().watching()).isGreaterThan(before);
        } finally {
            threads.shutdown();
        }

        script.close();

        assertThat(engine.watchdog().watching()).isEqualTo(before);
    }

    @Test
    void shouldLetARunFinishWhenItsScriptIsClosedAndCloseItsContextAfter() throws Exception {
        int before = engine.watchdog().watching();
        var script = engine.compile("if (input.wait) { const end = Date.now() + 300; while (Date.now() < end) {} } return 1;");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            // the thread's first run leaves a context kept for it; the second takes it and is still running at close
            assertThat(thread.submit(() -> script.run(Map.of("wait", false), null, null, ONE_SECOND)).get())
                    .isEqualTo(new ScriptOutcome.Returned(1, List.of()));
            Future<ScriptOutcome> running = thread.submit(() -> script.run(Map.of("wait", true), null, null, ONE_SECOND));
            Thread.sleep(100);

            script.close();

            assertThat(running.get()).isEqualTo(new ScriptOutcome.Returned(1, List.of()));
            assertThat(engine.watchdog().watching()).isEqualTo(before);
        } finally {
            thread.shutdown();
        }
    }

    @Test
    void shouldEndAnInfiniteLoopAsAFailureAndStayUsable() {
        var script = engine.compile("if (input.spin) { while (true) {} } return 'fine';");

        ScriptOutcome spun = script.run(Map.of("spin", true), null, null, Duration.ofMillis(200));
        ScriptOutcome after = script.run(Map.of("spin", false), null, null, ONE_SECOND);

        assertThat(spun).isInstanceOf(ScriptOutcome.Failed.class);
        assertThat(((ScriptOutcome.Failed) spun).message()).contains("timed out after 200 ms");
        assertThat(after).isEqualTo(new ScriptOutcome.Returned("fine", List.of()));
    }

    @Test
    void shouldRefuseHostAccessAndPolyglotEscapes() {
        for (String escape : List.of(
                "return Java.type('java.lang.System').getenv();",
                "return Polyglot.eval('js', '1');",
                "return load('/etc/passwd');",
                "return Graal.versionJS;",
                "return require('fs');",
                "return process.env;",
                // the setup's host array of arguments (the one host object a context holds) is out of reach
                "return (function f() { return f.caller; })();",
                "return arguments.callee.caller;")) {
            ScriptOutcome outcome = engine.compile(escape).run(null, null, null, ONE_SECOND);
            assertThat(outcome).as(escape).isInstanceOf(ScriptOutcome.Failed.class);
        }
    }

    @Test
    void shouldStopAHugeAllocationWithoutTakingTheProcessDown() {
        ScriptOutcome huge = engine.compile("const a = []; while (true) { a.push(new Array(1e6).fill(1)); }")
                .run(null, null, null, Duration.ofMillis(300));
        ScriptOutcome invalid = engine.compile("return 'x'.repeat(2 ** 31);").run(null, null, null, ONE_SECOND);

        assertThat(huge).isInstanceOf(ScriptOutcome.Failed.class);
        assertThat(invalid).isInstanceOf(ScriptOutcome.Failed.class);
    }

    @Test
    void shouldFailAnOutputTooLargeToKeepAndStayUsable() {
        var script = engine.compile("return input.big ? 'x'.repeat(20 * 1024 * 1024) : [input.n];");

        ScriptOutcome big = script.run(Map.of("big", true), null, null, Duration.ofSeconds(5));
        ScriptOutcome after = script.run(Map.of("big", false, "n", 7), null, null, ONE_SECOND);

        assertThat(big).isInstanceOfSatisfying(ScriptOutcome.Failed.class,
                f -> assertThat(f.message()).contains("the output is larger than 10 million characters of JSON"));
        assertThat(after).isEqualTo(new ScriptOutcome.Returned(List.of(7), List.of()));
    }

    @Test
    void shouldReportTheLineOfARuntimeError() {
        ScriptOutcome outcome = engine.compile("const a = 1;\nconst b = 2;\nnull.boom;\nreturn a;")
                .run(null, null, null, ONE_SECOND);

        assertThat(outcome).isInstanceOf(ScriptOutcome.Failed.class);
        assertThat(((ScriptOutcome.Failed) outcome).line()).isEqualTo(3);
        assertThat(((ScriptOutcome.Failed) outcome).message()).contains("boom");
    }

    @Test
    void shouldNotBlameALineOutsideTheScriptWhenItWritesWhatIsFrozen() {
        // GraalJS gives such a failure no location in the script's frame: the only one is the setup's, line 130 or so.
        ScriptOutcome global = engine.compile("const a = 1;\nglobalThis.leak = a;\nreturn a;").run(null, null, null, ONE_SECOND);
        ScriptOutcome prototype = engine.compile("\n\nObject.prototype.polluted = 1;").run(null, null, null, ONE_SECOND);

        assertThat(global).isInstanceOfSatisfying(ScriptOutcome.Failed.class, f -> {
            assertThat(f.message()).contains("leak");
            assertThat(f.line()).isZero(); // unknown
        });
        assertThat(prototype).isInstanceOfSatisfying(ScriptOutcome.Failed.class, f -> assertThat(f.line()).isZero());
    }

    @Test
    void shouldFindSyntaxErrorsWithoutRunning() {
        assertThat(engine.check("return 1;")).isEmpty();
        assertThat(engine.check("const x = 1;\nreturn x +;")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(2))
                .satisfies(p -> assertThat(p.message()).isEqualTo("Expected an operand but found ;"));
        assertThat(engine.check("while (true) {}")).isEmpty();
    }

    @Test
    void shouldRunManyScriptsAtOnce() throws Exception {
        var script = engine.compile("return input.n * 2;");
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ScriptOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                runs.add(callers.submit(() -> script.run(Map.of("n", n), null, null, ONE_SECOND)));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get()).isEqualTo(new ScriptOutcome.Returned(i * 2, List.of()));
            }
        }
    }

    @Test
    void shouldGiveAScriptTheSameWhetherItReadsSomeMembersOrAll() { // it is handed only those it names (Reads)
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("method", "POST");
        input.put("headers", Map.of("x-token", "abc"));
        input.put("body", Map.of("n", 2));
        Map<String, Object> steps = Map.of("before", Map.of("output", 3));

        assertThat(returned(engine.compile("return input.body.n + steps.before.output;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(5);
        assertThat(returned(engine.compile("return input.missing === undefined && input.body.n === 2;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(true);
        assertThat(returned(engine.compile("return Object.keys(input).join(',') + ' ' + input.body.n;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo("method,headers,body 2");
        assertThat(returned(engine.compile("return input.hasOwnProperty('headers') && input.body.n;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(2);
        assertThat(returned(engine.compile("const all = x => Object.keys(x).length; return all(input) + all(steps);").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(4);
    }

    @Test
    void shouldGiveAnObjectWhoseKeysAreDataAsItIs() { // such keys travel as text, and no code is made from them
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("ada@example.org", 1);
        input.put("4711", Map.of("x", List.of(1, 2)));
        input.put("body", "b");
        var script = engine.compile("return JSON.stringify(input) + ' ' + input['4711'].x.length;");

        for (int run = 0; run < 2; run++) {
            assertThat(returned(script.run(input, Map.of(), null, ONE_SECOND)))
                    .isEqualTo("{\"4711\":{\"x\":[1,2]},\"ada@example.org\":1,\"body\":\"b\"} 2");
        }
    }

    private static Object returned(ScriptOutcome outcome) {
        assertThat(outcome).isInstanceOf(ScriptOutcome.Returned.class);
        return ((ScriptOutcome.Returned) outcome).value();
    }
}
