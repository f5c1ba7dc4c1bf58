package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A script is handed only the members it can read: what it sees must not change with that. */
class ReadsTest {

    static ScriptEngine engine;

    @BeforeAll
    static void start() {
        engine = new ScriptEngine(ScriptSettings.defaults());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void shouldFindTheMembersAScriptNamesAfterADot() {
        assertThat(Reads.members("return input.body.x + input .query\n  .y + input.body.z;", "input")).containsExactly("body", "query");
        assertThat(Reads.members("const inputs = 1; myinput.x; return input$.y;", "input")).isEmpty();
        assertThat(Reads.members("return 1;", "steps")).isEmpty();
    }

    @Test
    void shouldHandOverEverythingWhenTheScriptCouldReachOtherMembers() {
        for (String source : List.of(
                "return JSON.stringify(input);",
                "return {...input};",
                "const {body} = input; return body;",
                "return input['headers'];",
                "return input?.body;",
                "return input/**/.body;",
                "return input.hasOwnProperty('headers');",
                "return input.__proto__;",
                "return arguments[0].headers;",
                "return eval('in' + 'put').headers;",
                "return \\u0069nput.headers;",
                "return `${input}`;",
                "return input.éa;",
                "return ñinput.body;")) {
            assertThat(Reads.members(source, "input")).as(source).isNull();
        }
    }

    @Test
    void shouldGiveAScriptTheSameWhetherItReadsSomeMembersOrAll() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("method", "POST");
        input.put("headers", Map.of("x-token", "abc"));
        input.put("body", Map.of("n", 2));
        Map<String, Object> steps = Map.of("before", Map.of("output", 3));

        assertThat(value(engine.compile("return input.body.n + steps.before.output;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(5);
        assertThat(value(engine.compile("return input.missing === undefined && input.body.n === 2;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(true);
        assertThat(value(engine.compile("return Object.keys(input).join(',') + ' ' + input.body.n;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo("method,headers,body 2");
        assertThat(value(engine.compile("return input.hasOwnProperty('headers') && input.body.n;").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(2);
        assertThat(value(engine.compile("const all = x => Object.keys(x).length; return all(input) + all(steps);").run(input, steps, null, Duration.ofSeconds(5))))
                .isEqualTo(4);
    }

    private static Object value(ScriptOutcome outcome) {
        assertThat(outcome).isInstanceOf(ScriptOutcome.Returned.class);
        return ((ScriptOutcome.Returned) outcome).value();
    }
}
