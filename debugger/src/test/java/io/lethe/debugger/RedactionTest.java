package io.lethe.debugger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.engine.redact.KeyedHash;
import io.lethe.debugger.testkit.DebuggerFixture;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.AttributeType;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Sensitivity;
import io.lethe.engine.sequence.BlockDefinition;
import io.lethe.engine.testkit.EngineFixture;
import io.lethe.engine.testkit.RawBytes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

    static final String EMAIL = "ada.lovelace@example.org";
    static final String SSN = "123-45-6789";
    static final String CONNECTOR_SECRET = "sk-live-9f8e7d6c5b4a";
    static final String PASSWORD = "hunter2-correct-horse";
    static final String BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.payload";
    static final List<String> CLEAR_VALUES = List.of(EMAIL, SSN, CONNECTOR_SECRET, PASSWORD, BEARER);

    @TempDir
    static Path dir;

    static DebuggerFixture fx;
    static String sequence;

    @BeforeAll
    static void start() {
        fx = new DebuggerFixture(dir);
        fx.lethe.model(Model.of(EngineFixture.unique("Customer"),
                Attribute.of("email", AttributeType.STRING).sensitivity(Sensitivity.PERSONAL),
                Attribute.of("ssn", AttributeType.STRING).sensitivity(Sensitivity.SENSITIVE),
                Attribute.of("plan", AttributeType.STRING)));
        fx.lethe.engine.connectors().save(new ConnectorAccount("crm", null, "https://crm.example.org",
                Map.of("X-Api-Key", CONNECTOR_SECRET)));
        sequence = fx.lethe.sequence(List.of(
                BlockDefinition.of("lookup", "script", Map.of("source",
                        "console.log('looking up ' + input.customer.email);"
                                + " return {customer: input.customer, note: input.note, headers: {Authorization: input.auth}};"))
                        .then("say"),
                BlockDefinition.of("say", "log", Map.of("message", "hello {{input.customer.email}} on {{input.customer.plan}}"))));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static Map<String, Object> input() {
        return Map.of("customer", Map.of("email", EMAIL, "ssn", SSN, "plan", "gold"),
                "note", "pasted key " + CONNECTOR_SECRET + " by mistake",
                "password", PASSWORD, "auth", BEARER);
    }

    @Test
    void shouldStoreNoClearPersonalSensitiveSecretOrCredentialValue() {
        // given
        fx.debugger.windows().open(sequence, "dora", null, false);

        // when
        ExecutionResult result = fx.lethe.run(sequence, input());

        // then
        Document raw = fx.raw(result.executionId());
        String json = raw.toJson();
        assertThat(json).contains("gold").contains(KeyedHash.PREFIX);
        CLEAR_VALUES.forEach(value -> assertThat(json).as("stored trace holds %s", value.substring(0, 4)).doesNotContain(value));
        fx.lethe.database.flush();
        CLEAR_VALUES.forEach(value -> assertThat(RawBytes.filesContaining(dir, value)).as("files").isEmpty());
    }

    @Test
    void shouldGiveEqualValuesEqualMarkersSoTheyCanBeCorrelated() {
        // given
        fx.debugger.windows().open(sequence, "dora", null, false);

        // when
        ExecutionResult result = fx.lethe.run(sequence, input());

        // then
        Document raw = fx.raw(result.executionId());
        String body = raw.getString("body");
        String inputMarker = marker(body, "\"email\":\"");
        assertThat(body).contains("\"message\":\"hello " + inputMarker + " on gold\"");
        assertThat(raw.getInteger("inputRedactions")).isGreaterThanOrEqualTo(4);
    }

    private static String marker(String text, String after) {
        Matcher m = Pattern.compile(Pattern.quote(after) + "(\\[redacted:hmac:[A-Za-z0-9_-]{22}])").matcher(text);
        assertThat(m.find()).as("a marker after %s", after).isTrue();
        return m.group(1);
    }
}
