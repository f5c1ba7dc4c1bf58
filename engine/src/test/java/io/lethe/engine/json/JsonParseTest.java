package io.lethe.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.model.Model;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.sequence.Sequence;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Json#parse}: what a client sent wrong is named by its field, in the client's terms. */
class JsonParseTest {

    private static FieldError refusal(Object plain, Class<?> type) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Json.parse(plain, type));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void shouldNameAnUnknownTypeAndListTheKnownOnes() {
        FieldError error = refusal(Map.of("type", "bogus"), PurgeScope.class);

        assertThat(error.pointer()).isEqualTo("/type");
        assertThat(error.message()).startsWith("unknown type 'bogus' (").contains("subject", "value", "logs")
                .doesNotContain("io.lethe", "subtype");
    }

    @Test
    void shouldSayAMissingTypeIsRequired() {
        FieldError error = refusal(Map.of("value", "abc"), PurgeScope.class);

        assertThat(error.pointer()).isEqualTo("/type");
        assertThat(error.message()).startsWith("is required").doesNotContain("io.lethe");
    }

    @Test
    void shouldPointIntoNestedValues() {
        FieldError error = refusal(Map.of("name", "x", "entry", "a",
                "blocks", List.of(Map.of("id", "a", "type", "log", "config", Map.of("message", "hi"))),
                "triggers", List.of(Map.of("type", "cron"))), Sequence.class);

        assertThat(error.pointer()).isEqualTo("/triggers/0/type");
        assertThat(error.message()).isEqualTo("unknown type 'cron' (http, instance, schedule)");
    }

    @Test
    void shouldShowTheFormOfATimeThatDoesNotParseWithoutEchoingIt() {
        FieldError error = refusal(Map.of("type", "backups", "from", "yesterday"), PurgeScope.class);

        assertThat(error.pointer()).isEqualTo("/from");
        assertThat(error.message()).isEqualTo("must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
    }

    @Test
    void shouldPointAtANullItemInsteadOfNamingJavaClasses() {
        Map<String, Object> model = new HashMap<>(Map.of("name", "m1"));
        model.put("attributes", Arrays.asList(Map.of("name", "a", "type", "string"), null));

        FieldError error = refusal(model, Model.class);

        assertThat(error).isEqualTo(new FieldError("/attributes/1", "must not be null"));
    }
}
