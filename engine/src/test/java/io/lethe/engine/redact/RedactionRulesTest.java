package io.lethe.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactionRulesTest {

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final KeyedHash hash = new KeyedHash(new byte[32]);

    private List<Model> models() {
        if (databaseDown.get()) {
            throw new IllegalStateException("database unreachable");
        }
        return List.of(Model.of("customer", Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL)));
    }

    private String redacted(RedactionRules rules, String text) {
        Redactor redactor = rules.redactor(false);
        redactor.collect(Map.of("email", "ada.lovelace@example.org", "note", "plain words"));
        return redactor.text(text);
    }

    @Test
    void shouldKeepTheLastRulesWhenTheyCannotBeReloaded() {
        RedactionRules rules = new RedactionRules(this::models, List::of, RedactionRules.DEFAULT_SECRET_KEYS, hash);
        assertThat(redacted(rules, "mail ada.lovelace@example.org")).startsWith("mail [redacted:hmac:");

        databaseDown.set(true);
        rules.invalidate();

        assertThat(redacted(rules, "mail ada.lovelace@example.org, plain words"))
                .startsWith("mail [redacted:hmac:").endsWith(", plain words").doesNotContain("ada.lovelace");
    }

    @Test
    void shouldRefuseToRedactWithoutAnyRules() {
        databaseDown.set(true);
        RedactionRules rules = new RedactionRules(this::models, List::of, RedactionRules.DEFAULT_SECRET_KEYS, hash);

        assertThatThrownBy(() -> rules.redactor(false)).hasMessageContaining("database unreachable");
    }

    @Test
    void shouldRedactConnectorSecretsWhereverTheyAppearButNotEveryShortSubstring() {
        // (a connector saved with the secret "5" once turned every 5 of every trace and log line into a marker)
        List<ConnectorAccount> accounts = List.of(new ConnectorAccount("crm", null, "https://crm.example.org",
                Map.of("X-Key", "key-0123456789", "X-Short", "5")));
        RedactionRules rules = new RedactionRules(this::models, () -> accounts, RedactionRules.DEFAULT_SECRET_KEYS, hash);

        String text = rules.redactor(true).text("called with key-0123456789 for order 5544");

        assertThat(text).startsWith("called with [redacted:hmac:").endsWith(" for order 5544").doesNotContain("key-0123456789");
    }

    @Test
    void shouldRedactAPersonalValueInJsonTextToo() {
        // (a log block writing body={{input.body}} quoted a name with a quote or a line break in clear)
        Redactor redactor = new RedactionRules(this::models, List::of, RedactionRules.DEFAULT_SECRET_KEYS, hash).redactor(false);
        Map<String, Object> body = Map.of("email", "o\"brien\nline2@example.org", "phone", 9611712719871L);
        redactor.collect(Map.of("email", body.get("email"), "password", body.get("phone")));

        String line = redactor.text("body=" + Json.write(body) + " raw " + body.get("email"));

        assertThat(line).doesNotContain("brien").doesNotContain("9611712719871");
        var markers = Pattern.compile("\\[redacted:hmac:[^\\]]+]").matcher(line).results().map(MatchResult::group).toList();
        assertThat(markers).hasSize(3);
        assertThat(Set.copyOf(markers)).as("the same marker for the value and its escaped form").hasSize(2);
    }
}
