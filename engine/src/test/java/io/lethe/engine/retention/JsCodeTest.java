package io.lethe.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class JsCodeTest {

    @Test
    void shouldTellCodeFromStringsTemplateTextCommentsAndRegularExpressions() {
        String source = "let a = 'max' + \"max\"; // max\n/* max */ b = `max ${ {x: max}.x } max` / 2; c = /max[/]/g.test(max)";

        assertThat(codeAt(source, "'max'")).as("single-quoted").isFalse();
        assertThat(codeAt(source, "\"max\"")).as("double-quoted").isFalse();
        assertThat(codeAt(source, "// max")).as("line comment").isFalse();
        assertThat(codeAt(source, "/* max")).as("block comment").isFalse();
        assertThat(codeAt(source, "`max")).as("template text").isFalse();
        assertThat(codeAt(source, "max}")).as("inside ${...}, after a nested object's brace").isTrue();
        assertThat(codeAt(source, "max`")).as("template text after ${...}").isFalse();
        assertThat(codeAt(source, "/ 2")).as("a division after a template").isTrue();
        assertThat(codeAt(source, "/max[")).as("a regular expression").isFalse();
        assertThat(codeAt(source, "max)")).as("after the regex and its flags").isTrue();
    }

    @Test
    void shouldSpareOnlyJavaScriptsOwnNamesWrittenAsCodeAndSpelledExactly() {
        assertThat(builtin("return Math.max(a, b)", "max")).as("a built-in member").isTrue();
        assertThat(builtin("return input?.items.length", "length")).as("after ?.").isTrue();
        assertThat(builtin("return Math.max(a, b)", "Math")).as("a global").isTrue();
        assertThat(builtin("return new Date()", "Date")).as("a global").isTrue();
        assertThat(builtin("return Math.Max(a, b)", "Max")).as("spelled otherwise: not JavaScript's").isFalse();
        assertThat(builtin("return 'Dr. max'", "max")).as("inside a string: data").isFalse();
        assertThat(builtin("return steps.ada.output", "ada")).as("not a built-in name").isFalse();
        assertThat(builtin("let max = 1", "max")).as("not a member: a variable of the script").isFalse();
        assertThat(builtin("return x.max_total", "max")).as("part of a longer identifier").isFalse();
        assertThat(builtin("Date", "Date")).as("a whole text is a name (an attribute called Date), not code").isFalse();
    }

    private static boolean codeAt(String source, String snippet) {
        BitSet code = JsCode.code(source);
        int at = source.indexOf(snippet);
        assertThat(at).as(snippet).isNotNegative();
        return code.get(at + (snippet.startsWith("max") ? 0 : 1)); // the m of max, or the character after the opener
    }

    private static boolean builtin(String source, String name) {
        int at = source.lastIndexOf(name);
        return JsCode.of(source).isBuiltin(at, at + name.length());
    }
}
