package io.lethe.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lethe.engine.failure.FieldError;
import io.lethe.engine.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestJsonTest {

    @Test
    void shouldReadAnObjectAsPlainValues() {
        assertThat(RequestJson.read(bytes("{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":9223372036854775807}}"), ""))
                .isEqualTo(Map.of("a", Arrays.asList(1, 2.5, "x", null, true), "b", Map.of("c", Long.MAX_VALUE)));
    }

    @Test
    void shouldRefuseTextAfterTheValue() {
        assertThat(refusal("{\"name\":\"a\"} ]]]", "")).containsExactly(new FieldError("", "the request body is not valid JSON"));
        assertThat(refusal("{\"age\":", "/where")).containsExactly(new FieldError("/where", "is not valid JSON"));
    }

    @Test
    void shouldRefuseAKeyGivenTwiceNamingIt() {
        assertThat(refusal("{\"name\":\"a\",\"name\":\"b\"}", "")).containsExactly(new FieldError("/name", "is given twice"));
        assertThat(refusal("{\"x\":{\"k\":1,\"k\":2}}", "")).containsExactly(new FieldError("/x/k", "is given twice"));
    }

    @Test
    void shouldRefuseNestingDeeperThanTheStoresHold() {
        String deep = "{\"o\":".repeat(StorableValues.MAX_DEPTH + 1) + "1" + "}".repeat(StorableValues.MAX_DEPTH + 1);
        String fits = "{\"o\":".repeat(StorableValues.MAX_DEPTH) + "1" + "}".repeat(StorableValues.MAX_DEPTH);

        assertThat(refusal(deep, "")).containsExactly(new FieldError("", "the request body nests deeper than 64 levels"));
        assertThat(RequestJson.read(bytes(fits), "")).isInstanceOf(Map.class);
    }

    @Test
    void shouldRefuseNumbersNoStoreHoldsWhereTheyAre() {
        assertThat(refusal("{\"n\":[1,123456789012345678901234567890]}", "")).extracting(FieldError::pointer).containsExactly("/n/1");
        assertThat(refusal("{\"n\":{\"m\":1e400}}", "")).containsExactly(new FieldError("/n/m", "must be a finite number"));
        assertThat(refusal("{\"n\":-1e400}", "/where")).containsExactly(new FieldError("/where/n", "must be a finite number"));
    }

    private static List<FieldError> refusal(String json, String at) {
        var thrown = catchThrowableOfType(InvalidInputException.class,
                () -> RequestJson.read(bytes(json), at));
        assertThat(thrown).as("refused: " + json).isNotNull();
        return thrown.errors();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
