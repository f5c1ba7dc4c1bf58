package io.lethe.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Reads}: the members a script can read, from its text; null whenever it could reach others. */
class ReadsTest {

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
}
