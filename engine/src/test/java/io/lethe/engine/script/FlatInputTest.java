package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.json.Flat;
import io.lethe.engine.json.Json;
import io.lethe.engine.json.RawJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values reach scripts {@linkplain Flat flattened}, not as JSON text: what the script builds must be
 * exactly what {@code JSON.parse} makes of the same JSON, down to -0, key order, {@code __proto__}
 * and property attributes. Each case is compared inside the script with JSON.parse of its text.
 */
class FlatInputTest {

    static ScriptEngine engine;
    static CompiledScript compare;

    /** Deep equality: types, Object.is for primitives, prototypes, own keys in order and their descriptors. */
    static final String SAME = """
            const same = (a, b, at) => {
              if (typeof a !== typeof b) return at + ': ' + typeof a + ' vs ' + typeof b;
              if (typeof a !== 'object' || a === null || b === null) return Object.is(a, b) ? '' : at + ': ' + String(a) + ' vs ' + String(b);
              if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return at + ': prototype';
              const ka = Reflect.ownKeys(a), kb = Reflect.ownKeys(b);
              if (ka.join('\\u0000') !== kb.join('\\u0000')) return at + ': keys ' + ka.join(',') + ' vs ' + kb.join(',');
              for (const key of ka) {
                const da = Object.getOwnPropertyDescriptor(a, key), db = Object.getOwnPropertyDescriptor(b, key);
                if (da.writable !== db.writable || da.enumerable !== db.enumerable || da.configurable !== db.configurable) return at + '.' + key + ': attributes';
                const inner = same(da.value, db.value, at + '.' + key);
                if (inner) return inner;
              }
              return '';
            };
            """;

    @BeforeAll
    static void start() {
        engine = new ScriptEngine(ScriptSettings.defaults());
        // steps.after comes flattened after the body: it is wrong if the body's flat form spilled over
        compare = engine.compile(SAME + "return (same(input.body, JSON.parse(input.text), 'body') || 'same') + (steps.after.x === 1 ? '' : ' but not steps');");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static void assertBuiltAsJsonParseWould(Object body, String text) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("body", body);
        input.put("text", text);
        for (int run = 0; run < 2; run++) { // the second run takes its builders from the cache
            var outcome = compare.run(input, Map.of("after", Map.of("x", 1)), null, Duration.ofSeconds(5));
            assertThat(outcome).as(text).isInstanceOf(ScriptOutcome.Returned.class);
            assertThat(((ScriptOutcome.Returned) outcome).value()).as(text).isEqualTo("same");
        }
    }

    private static void assertRequestBodyBuiltAsJsonParseWould(String json) {
        assertBuiltAsJsonParseWould(RawJson.checked(json.getBytes(StandardCharsets.UTF_8)), json);
    }

    @Test
    void shouldBuildRequestBodiesAsJsonParseDoes() {
        List<String> documents = List.of(
                "{\"id\":\"c-1\",\"first\":\"Ada\",\"readings\":[12,45,67],\"tags\":[\"vip\",\" ok \"],\"score\":9.5}",
                "[1,[2,{\"a\":[]}],{},[],null,true,false,\"x\",[[]],[{}]]",
                "[0,-0,-0.0,0.0,1.5,1e308,1e400,-1e400,9007199254740993,123456789012345678901234567890,2147483648,-2147483649,1E-7,0.1,5e-324,-5,1.0]",
                "{\"a\\\"b\":\"c\\\\d\\n\\u2028\\ud83d\\ude00\\ud800\",\"\":\"\",\"\\u0000\":\"nul\",\"é\":\"ü\"}",
                "{\"__proto__\":{\"x\":1},\"constructor\":2,\"2\":\"two\",\"1\":\"one\",\"b\":1,\"a\":2,\"toString\":3}",
                "{\"a\":1,\"b\":2,\"a\":3}",
                "{\"list\":[{\"k\":1},{\"k\":2,\"m\":[3,\"x\",null]}],\"deep\":{\"deeper\":{\"deepest\":[true]}}}",
                "\"just a string\"", "42", "-0", "null", "true", "[]", "{}",
                " \n {\"spaced\" : [ 1 , 2 ] } \n ",
                // denser than the flattened form is first sized for (four characters a value): it grows
                "[" + "7,".repeat(2000) + "7]", "[" + "[],".repeat(1000) + "{\"a\":[0,0,0,0,0,0,0,0]}]",
                IntStream.range(0, Flat.MAX_VALUES + 10).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        for (String json : documents) {
            assertRequestBodyBuiltAsJsonParseWould(json);
        }
        String deep = "[" + "[".repeat(Flat.MAX_DEPTH + 5) + "1" + "]".repeat(Flat.MAX_DEPTH + 5) + "]"; // no request body is
        assertBuiltAsJsonParseWould(new RawJson(deep), deep);
    }

    @Test
    void shouldBuildObjectsOfMoreShapesThanItKeepsBuildersFor() {
        String json = IntStream.range(0, CompiledScript.MAX_SHAPES + 20)
                .mapToObj(i -> "{\"k" + i + "\":" + i + ",\"__proto__\":" + i + ",\"k" + i + "\":\"again\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertRequestBodyBuiltAsJsonParseWould(json);
    }

    @Test
    void shouldBuildJavaValuesAsTheirJsonWouldBe() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("big", (1L << 60) + 1);
        nested.put("float", 1.1f);
        nested.put("nan", Double.NaN);
        nested.put("when", Instant.parse("2026-11-26T10:00:00Z"));
        nested.put("raw", new RawJson("{\"from\":\"a script\",\"n\":[1,2]}"));
        nested.put("list", List.of(Map.of("a", 1), List.of(), List.of("x", 2, true)));
        nested.put("empty", Map.of());
        assertBuiltAsJsonParseWould(nested, Json.write(nested));
    }

    @Test
    void shouldGiveJavaValuesTooLargeOrTooDeepToFlattenAsJsonText() {
        Object deep = List.of("bottom");
        for (int level = 0; level < Flat.MAX_DEPTH + 3; level++) {
            deep = Map.of("level" + level, deep);
        }
        List<Integer> large = IntStream.range(0, Flat.MAX_VALUES + 1).boxed().toList();
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("deep", deep);
        both.put("large", large);
        both.put("small", Map.of("after", "them"));

        assertBuiltAsJsonParseWould(deep, Json.write(deep));
        assertBuiltAsJsonParseWould(large, Json.write(large));
        assertBuiltAsJsonParseWould(both, Json.write(both));
    }

    @Test
    void shouldCountOnlyTheScriptsOwnStatementsAgainstItsLimit() {
        try (ScriptEngine limited = new ScriptEngine(new ScriptSettings(2, Duration.ofSeconds(5), Duration.ofSeconds(5), 1_000))) {
            String many = IntStream.range(0, 3_000).mapToObj(i -> "{\"n\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
            var reader = limited.compile("return input.body.length + input.body[2999].n;");
            var looper = limited.compile("let n = 0; for (let i = 0; i < 2000; i++) { n += i; } return n;");

            var read = reader.run(Map.of("body", RawJson.checked(many.getBytes(StandardCharsets.UTF_8))), null, null,
                    Duration.ofSeconds(5));
            var looped = looper.run(Map.of(), null, null, Duration.ofSeconds(5));

            assertThat(read).isInstanceOf(ScriptOutcome.Returned.class);
            assertThat(((ScriptOutcome.Returned) read).value()).isEqualTo(5999);
            assertThat(looped).isInstanceOf(ScriptOutcome.Failed.class);
            assertThat(((ScriptOutcome.Failed) looped).message()).isEqualTo("script exceeded 1000 statements");
        }
    }
}
