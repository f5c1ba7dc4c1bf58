package io.lethe.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.block.ConditionBlock;
import io.lethe.engine.block.ScriptBlock;
import io.lethe.engine.json.Json;
import io.lethe.engine.sequence.Sequence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueRedactorTest {

    private final ValueRedactor redactor = new ValueRedactor("ada@example.org");

    @Test
    void shouldFindTheValueAtAnyDepthIgnoringCase() {
        Object doc = Map.of("blocks", List.of(Map.of("config", Map.of("source", "if (x === 'ADA@example.org') {}"))));

        assertThat(redactor.occursIn(doc)).isTrue();
        assertThat(redactor.occursIn(Map.of("other", "grace@example.org", "n", 1))).isFalse();
        assertThat(redactor.occursIn(Map.of("ada@example.org", 1))).as("map keys").isTrue();
    }

    @Test
    void shouldReplaceEveryOccurrenceAndKeepTheRest() {
        Object doc = Map.of("email", "Ada@Example.org", "note", "mail ada@example.org or ADA@EXAMPLE.ORG",
                "list", List.of("ada@example.org", 3), "n", 7);

        Object redacted = redactor.redact(doc);

        assertThat(redacted).isEqualTo(Map.of("email", "[redacted]", "note", "mail [redacted] or [redacted]",
                "list", List.of("[redacted]", 3), "n", 7));
        assertThat(redactor.occursIn(redacted)).isFalse();
    }

    @Test
    void shouldMatchWholeTokensOnlySoThatAShortNameLeavesKeysAndCodeIntact() {
        ValueRedactor name = new ValueRedactor("Ion");
        Object block = Map.of("id", "greet", "position", Map.of("x", 1, "y", 2), "config",
                Map.of("source", "function hi() { return 'Hello Ion, ' + input.ion + ' (ion@example.org)'; }"),
                "description", "Ion");

        Object redacted = name.redact(block);

        assertThat(redacted).isEqualTo(Map.of("id", "greet", "position", Map.of("x", 1, "y", 2), "config",
                Map.of("source", "function hi() { return 'Hello [redacted], ' + input.[redacted] + ' ([redacted]@example.org)'; }"),
                "description", "[redacted]"));
        assertThat(name.occursIn(Map.of("position", 1, "note", "a function of the session"))).isFalse();
        assertThat(name.occursIn(redacted)).isFalse();
        assertThat(new ValueRedactor("-42-").occursIn("order A-42-B")).as("no letter or digit at its ends: found anywhere").isTrue();
    }

    @Test
    void shouldFindSeveralValuesAtOnceTheLongestFirst() {
        ValueRedactor several = ValueRedactor.of(new PurgeScope.Value(null, List.of("Ada", "ada@example.org", "Ada Lovelace", "+44 20 7946")));
        Object doc = Map.of("note", "Ada Lovelace (ada@example.org, +44 20 7946 0018) met Adam and ada", "source", "reader.adapt()");

        Object redacted = several.redact(doc);

        assertThat(redacted).isEqualTo(Map.of("note", "[redacted] ([redacted], [redacted] 0018) met Adam and [redacted]",
                "source", "reader.adapt()"));
        assertThat(several.occursIn(redacted)).isFalse();
        assertThat(several.occursIn("log: +44 20 7946")).isTrue();
    }

    @Test
    void shouldGiveNamesAMarkerThatIsAValidNameTheSameForOneValueAndSecretWithoutTheMark() {
        ValueRedactor first = ValueRedactor.of(new PurgeScope.Value(null, List.of("ada", "grace"), "mark-one"));
        ValueRedactor second = ValueRedactor.of(new PurgeScope.Value(null, List.of("ada", "grace"), "mark-two"));
        Map<String, Object> design = Map.of("name", "greet-ada", "entry", "ada", "body", "hi {{steps.ada.output}}",
                "other", "grace_notes", "shout", "ADA");

        @SuppressWarnings("unchecked")
        Map<String, Object> named = (Map<String, Object>) first.redactNames(design);
        String marker = named.get("entry").toString();

        assertThat(marker).matches("redacted_[0-9a-f]{8}");
        assertThat(named).containsEntry("name", "greet-" + marker).containsEntry("body", "hi {{steps." + marker + ".output}}");
        assertThat(named.get("other").toString()).as("another value, another marker").matches("redacted_[0-9a-f]{8}_notes")
                .doesNotStartWith(marker);
        assertThat(((Map<?, ?>) second.redactNames(design)).get("entry")).as("another purge's mark").isNotEqualTo(marker);
        assertThat(named.get("shout").toString()).as("names differing in case stay apart").matches("redacted_[0-9a-f]{8}")
                .isNotEqualTo(marker);
        assertThat(first.redact(design)).as("data is redacted as text").isEqualTo(Map.of("name", "greet-[redacted]",
                "entry", "[redacted]", "body", "hi {{steps.[redacted].output}}", "other", "[redacted]_notes", "shout", "[redacted]"));
        assertThat(new ValueRedactor(List.of("ada")).redactNames("greet-ada")).as("no mark (a replay)").isEqualTo("greet-[redacted]");
        assertThat(first.redact(Map.of("ada_score", "ada"))).as("in data, a key is a name too (an attribute)")
                .isEqualTo(Map.of(marker + "_score", "[redacted]"));
    }

    @Test
    void shouldLeaveTheWordsOfTheLanguageInADesignAndRedactTheSameWordsAsText() {
        Vocabulary.learnBlocks(List.of(new ScriptBlock(), new ConditionBlock()));
        Vocabulary.learnTypes(Sequence.class);
        ValueRedactor max = ValueRedactor.of(new PurgeScope.Value(null, List.of("Max", "Date", "Keys", "Type"), "mark"));
        String source = "const s = {max: Math.max(input.a, 1)}; // for Max\nreturn { who: 'Max', at: new Date(), top: s.max }";
        Map<String, Object> design = Map.of("description", "Dear Date, Keys and Max", "blocks", List.of(
                Map.of("id", "keys", "type", "script", "config", Map.of("source", source)),
                Map.of("id", "say", "type", "log", "config", Map.of("message", "{{steps.keys.output.top}} for Max"))),
                "triggers", List.of(Map.of("type", "http", "path", "/orders/max/Date")));

        @SuppressWarnings("unchecked")
        Map<String, Object> named = (Map<String, Object>) max.redactNames(design);
        String json = Json.write(named);

        assertThat(json).as("the script's code keeps Math.max, its key max and its read s.max, new Date()")
                .contains("const s = {max: Math.max(input.a, 1)}; // for redacted_", "top: s.max", "at: new Date()")
                .doesNotContain("'Max'", "for Max", "Dear Date", "Keys and");
        assertThat(json).as("a block called keys and the template reading it agree")
                .contains("\"id\":\"keys\"", "{{steps.keys.output.top}} for redacted_");
        assertThat(json).as("a path is text: max in it goes").contains("/orders/redacted_").doesNotContain("/max/");
        assertThat(json).as("Lethe's own keys and types stay").contains("\"type\":\"script\"", "\"type\":\"http\"");
        assertThat(max.occursInNames(named)).as("what is left is language").isFalse();
        assertThat(max.occursInNames(Map.of("type", "log", "config", Map.of("message", "Math.max(1, 2)"))))
                .as("in a log message (no code) it is text").isTrue();
        assertThat(max.redact(Map.of("max", "Max", "type", "Keys", "Type", 1))).as("data: keys that are language stay, text goes")
                .isEqualTo(Map.of("max", "[redacted]", "type", "[redacted]", "redacted_d40239c6", 1));
    }

    @Test
    void shouldRefuseAnEmptyValue() {
        assertThatThrownBy(() -> new ValueRedactor(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueRedactor.of(new PurgeScope.Value(null, List.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindAValueWithAQuoteBackslashOrLineBreakAsJsonTextHoldsItEscapedOnceOrTwice() {
        // a log line quoting a body, a trace body kept as JSON text, and that text in a backup archive
        String value = "O'Brien \"Bob\"\nC:\\home";
        ValueRedactor quoted = new ValueRedactor(List.of(value));
        String once = Json.write(Map.of("name", value));
        String twice = Json.write(Map.of("body", once));

        assertThat(once).doesNotContain(value);
        assertThat(quoted.occursIn(once)).isTrue();
        assertThat(quoted.occursIn(twice)).isTrue();
        assertThat(quoted.redact(once)).isEqualTo(Json.write(Map.of("name", "[redacted]")));
        assertThat(quoted.redact(twice)).isEqualTo(Json.write(Map.of("body", Json.write(Map.of("name", "[redacted]")))));
    }

    @Test
    void shouldFindAValuePercentEncodedAsARequestPathInALogLineHoldsIt() {
        ValueRedactor plus = new ValueRedactor(List.of("ada+news@example.org"));
        ValueRedactor spaced = new ValueRedactor(List.of("Ada Lovelace"));

        assertThat(plus.redact("path=/api/models/m/instances/ada%2Bnews%40example.org status=401"))
                .isEqualTo("path=/api/models/m/instances/[redacted] status=401");
        assertThat(plus.occursIn("/x/ada%2bnews%40example.org")).as("lower-case hex").isTrue();
        assertThat(spaced.occursIn("/x/Ada%20Lovelace")).isTrue();
        assertThat(spaced.occursIn("/x?who=Ada+Lovelace")).isTrue();
    }
}
