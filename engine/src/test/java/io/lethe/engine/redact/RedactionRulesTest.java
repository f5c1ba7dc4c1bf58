package io.lethe.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
}
