package io.lethe.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Shape}: the same keys in the same order get the same number, and the number's text names them. */
class ShapeTest {

    @Test
    void shouldNumberTheSameKeysTheSameAndGiveTheirText() {
        Shape.Keys first = new Shape.Keys(false);
        Shape.Keys second = new Shape.Keys(false);
        for (Shape.Keys keys : new Shape.Keys[] {first, second}) {
            keys.add("id", false);
            keys.add("first_name", false);
        }
        Shape.Keys other = new Shape.Keys(false);
        other.add("first_name", false);
        other.add("id", false);

        assertThat(first.shape()).isInstanceOf(Integer.class).isEqualTo(second.shape()).isNotEqualTo(other.shape());
        assertThat(Shape.of((Integer) first.shape()).text(false)).isEqualTo("[\"id\",\"first_name\"]");
        assertThat(Shape.of((Integer) other.shape()).text(false)).isEqualTo("[\"first_name\",\"id\"]");
        assertThat(Shape.EMPTY.text(false)).isEqualTo("[]");
    }

    @Test
    void shouldNotKeepKeysThatAreDataRatherThanNames() {
        for (String key : new String[] {"ada@example.org", "4711", "Ada Lovelace", "we\"ird\n", "", "é"}) {
            Shape.Keys keys = new Shape.Keys(false);
            keys.add("id", false);
            keys.add(key, false);

            assertThat(keys.shape()).as(key).isEqualTo("[\"id\"," + Json.write(key) + "]");
        }
    }

    @Test
    void shouldTellMembersGivenAsValuesApartInAScriptsArguments() {
        Shape.Keys keys = new Shape.Keys(true);
        keys.add("method", true);
        keys.add("body", false);

        assertThat(Shape.of((Integer) keys.shape()).text(true)).isEqualTo("[\"method\",true,\"body\",false]");
        assertThat(Shape.of((Integer) keys.shape()).text(false)).isEqualTo("[\"method\",\"body\"]");
    }

    @Test
    void shouldNameTheShapeOfAnObjectWithManyKeysAsText() {
        Shape.Keys keys = new Shape.Keys(false);
        IntStream.range(0, Shape.MAX_KEYS + 2).forEach(i -> keys.add("k" + i, false));

        String expected = IntStream.range(0, Shape.MAX_KEYS + 2).mapToObj(i -> "\"k" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        assertThat(keys.shape()).isEqualTo(expected);
        String json = IntStream.range(0, Shape.MAX_KEYS + 2).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",", "{", "}"));
        assertThat(RawJson.checked(json.getBytes(StandardCharsets.UTF_8)).flat().values()[0]).isEqualTo(expected);
    }
}
