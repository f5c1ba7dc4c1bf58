package io.lethe.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Flat}: kinds and values in document order; too large or deep values are checked, not flattened. */
class FlatTest {

    private static RawJson checked(String json) {
        return RawJson.checked(json.getBytes(StandardCharsets.UTF_8));
    }

    /** How an object with these keys names its shape: a number, or text for keys that are not names. */
    private static Object shape(String... keys) {
        Shape.Keys shape = new Shape.Keys(false);
        for (String key : keys) {
            shape.add(key, false);
        }
        return shape.shape();
    }

    @Test
    void shouldFlattenARequestBodyWhileCheckingIt() {
        Flat flat = checked("{\"id\":\"c-1\",\"n\":[1,2.5,-0],\"tags\":[\"a\",{\"b\":null}],\"ok\":true}").flat();

        assertThat(flat.kinds()).isEqualTo("{va[v{v" + "v");
        assertThat(Arrays.asList(flat.values())).containsExactly(shape("id", "n", "tags", "ok"), "c-1", 3, 1, 2.5, -0.0, 2, "a",
                shape("b"), null, true);
    }

    @Test
    void shouldFlattenPlainValuesWithRawJsonInsideThem() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("we\"ird", List.of(1, 2));
        value.put("out", new RawJson("[{\"x\":1}]"));
        value.put("big", 1L << 60);

        Flat flat = Flat.of(value);

        assertThat(flat.kinds()).isEqualTo("{a[{vj");
        assertThat(Arrays.asList(flat.values())).containsExactly("[\"we\\\"ird\",\"out\",\"big\"]", 2, 1, 2, 1, shape("x"), 1,
                "1152921504606846976");
    }

    @Test
    void shouldCheckButNotFlattenWhatIsTooLargeOrTooDeep() {
        String large = IntStream.range(0, Flat.MAX_VALUES).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        String deep = "[".repeat(Flat.MAX_DEPTH + 1) + "]".repeat(Flat.MAX_DEPTH + 1);

        assertThat(checked(large).flat()).isNull();
        assertThat(new RawJson("{\"a\":" + deep + ",\"b\":1}").flat()).isNull();
        assertThatThrownBy(() -> checked("{\"a\":" + deep + ",\"b\":1}")).hasMessage("the request body nests deeper than 64 levels");
        assertThat(checked("[" + "[".repeat(Flat.MAX_DEPTH - 1) + "]".repeat(Flat.MAX_DEPTH - 1) + "]").flat()).isNotNull();
        assertThatThrownBy(() -> checked("{\"a\":" + large + ",\"b\":1} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> checked("{\"a\":" + deep + ",\"b\":}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> checked(large.substring(0, large.length() - 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseWhatIsNotOneJsonValue() {
        for (String bad : List.of("", "  ", "{\"a\":1} {}", "[1,]", "{\"a\" 1}", "nul", "[1, 2")) {
            assertThatThrownBy(() -> checked(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new RawJson("{oops").flat()).isNull();
    }
}
