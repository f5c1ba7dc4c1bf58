package io.lethe.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Json#write}: plain values take a short cut that must write exactly what Jackson writes. */
class JsonWriteTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void shouldWritePlainValuesExactlyAsTheObjectMapperDoes() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é 😀 </script>");
        nested.put("empty", "");
        nested.put("nothing", null);
        nested.put("yes", true);
        nested.put("int", -42);
        nested.put("long", Long.MAX_VALUE);
        nested.put("double", 0.1 + 0.2);
        nested.put("nan", Double.NaN);
        nested.put("big", new BigDecimal("12345678901234567890.000000001"));
        nested.put("huge", new BigInteger("123456789012345678901234567890"));
        nested.put("list", Arrays.asList(1, "two", null, List.of(), Map.of()));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z first", nested);
        value.put("a second", new ArrayList<>(List.of(nested, nested)));

        assertThat(PlainWriter.write(JACKSON.getFactory(), value)).isEqualTo(JACKSON.writeValueAsString(value));
        assertThat(Json.write(value)).isEqualTo(JACKSON.writeValueAsString(value));
        assertThat(Json.write("just text")).isEqualTo("\"just text\"");
        assertThat(Json.write(null)).isEqualTo("null");
    }

    @Test
    void shouldWriteATopLevelStringOrEmptyCollectionExactlyAsTheObjectMapperDoes() throws Exception {
        String awkward = "quote \" backslash \\ newline \n tab \t control \u0001 \u001f del \u007f unicode é 😀 </script>";
        for (Object value : List.of(awkward, "", "POST", "/enrich", Map.of(), List.of(), new LinkedHashMap<>(), new ArrayList<>())) {
            assertThat(Json.write(value)).as("%s", value).isEqualTo(JACKSON.writeValueAsString(value));
        }
    }

    @Test
    void shouldWriteRawJsonUnchangedInsidePlainValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("body", new RawJson("{\"b\":1,\"a\":[true]}"));

        assertThat(Json.write(value)).isEqualTo("{\"body\":{\"b\":1,\"a\":[true]}}");
    }

    record Point(int x, Instant at) {
    }

    @Test
    void shouldLeaveWhatIsNotPlainToTheObjectMapper() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("point", new Point(3, Instant.parse("2026-11-25T10:00:00Z")));
        value.put("short", (short) 7);
        Map<Object, Object> numberKeys = new LinkedHashMap<>();
        numberKeys.put(1, "one");
        value.put("keys", numberKeys);

        assertThat(PlainWriter.write(JACKSON.getFactory(), value)).isNull();
        assertThat(Json.write(value))
                .isEqualTo("{\"point\":{\"x\":3,\"at\":\"2026-11-25T10:00:00Z\"},\"short\":7,\"keys\":{\"1\":\"one\"}}");
    }
}
