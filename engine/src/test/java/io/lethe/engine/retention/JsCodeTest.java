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
    void shouldKeepOnlyWholeIdentifiersOfTheCodeThatAreWordsOfTheLanguageSpelledExactly() {
        assertThat(language("return Math.max(a, b)", "max")).as("a built-in member").isTrue();
        assertThat(language("return input?.items.length", "length")).as("after ?.").isTrue();
        assertThat(language("return Math./* pick */max(1, 2)", "max")).as("a comment between").isTrue();
        assertThat(language("return Math.max(a, b)", "Math")).as("a global").isTrue();
        assertThat(language("return new Date()", "Date")).as("a global").isTrue();
        assertThat(language("const s = {max: 1}; return s.max", "max")).as("an object's key, like its reads").isTrue();
        assertThat(language("return Math.Max(a, b)", "Max")).as("spelled otherwise: not the language's").isFalse();
        assertThat(language("return 'Dr. max'", "max")).as("inside a string: data").isFalse();
        assertThat(language("return steps.ada.output", "ada")).as("no word of the language").isFalse();
        assertThat(language("return x.max_total", "max")).as("part of a longer identifier").isFalse();
    }

    @Test
    void shouldTellADivisionAfterAMemberOrAWordEndingLikeAKeywordFromARegularExpression() {
        String source = "const pct = counts.new / counts.all; const q = opt_in / 2; return 'Dear max' + Math.max(pct, q)";

        assertThat(codeAt(source, "max(pct")).as("the code after both divisions").isTrue();
        assertThat(codeAt(source, "max'")).as("the string after both divisions").isFalse();
        String statement = "if (input.a) /Number/.test(x); return (a + b) / Number(c)";
        assertThat(codeAt(statement, "Number/")).as("a regex after an if's condition").isFalse();
        assertThat(codeAt(statement, "Number(")).as("a division after parentheses").isTrue();
        String quoted = "if (s === ')') /Number/.test(x); while (f(')', /x/)) /max/.exec(y); return (')' + a) / Number(c)";
        assertThat(codeAt(quoted, "Number/")).as("a regex after a condition holding a quoted ')'").isFalse();
        assertThat(codeAt(quoted, "max/")).as("after one holding a quoted ')' and a regex").isFalse();
        assertThat(codeAt(quoted, "Number(")).as("a division after parentheses holding a quoted ')'").isTrue();
    }

    private static boolean codeAt(String source, String snippet) {
        BitSet code = JsCode.code(source);
        int at = source.indexOf(snippet);
        assertThat(at).as(snippet).isNotNegative();
        return code.get(at + (Character.isLetter(snippet.charAt(0)) ? 0 : 1)); // its first letter, or the one after the opener
    }

    private static boolean language(String source, String name) {
        int at = source.lastIndexOf(name);
        return JsCode.of(source).isLanguage(at, at + name.length());
    }
}
