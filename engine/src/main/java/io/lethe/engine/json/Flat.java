package io.lethe.engine.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A JSON value flattened into node kinds and the values they take, in document order: what a script
 * is given instead of JSON text, so that it builds the value without parsing text (GraalJS's
 * {@code JSON.parse} reads a string character by character through its generic string nodes and
 * is the dearest part of a small script's run).
 *
 * <p>Kinds, one character per node: {@code v} a value (a string, boolean, null, or a number a double
 * holds exactly, each given as itself); {@code a} an array of values (its length, then its elements);
 * {@code [} any other array (its length, then its elements as nodes); <code>{</code> an object (its
 * shape, the JSON array of its keys in order, then its members as nodes); {@code j} JSON text, for
 * what has no exact value here (a {@code float}, a long beyond 2<sup>53</sup>, a date...). The
 * script side builds exactly what {@code JSON.parse} of the value's JSON text would.
 */
public final class Flat {

    /** Values beyond which a value is not flattened (it goes as JSON text): a bound on what crosses into a script at once. */
    public static final int MAX_VALUES = 4096;
    /** Nesting beyond which a value is not flattened: the script side builds nodes recursively. */
    public static final int MAX_DEPTH = 64;

    private final String kinds;
    private final Object[] values;

    private Flat(String kinds, Object[] values) {
        this.kinds = kinds;
        this.values = values;
    }

    public String kinds() {
        return kinds;
    }

    /** The values in document order (a copy is not made: do not change it). */
    public Object[] values() {
        return values;
    }

    /** Whether a script gets the same from the Java value itself as from its JSON text. */
    public static boolean isValue(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> true;
            case Boolean b -> true;
            case Integer i -> true;
            case Long l -> Math.abs(l) <= 1L << 53; // beyond, a double rounds it either way, but differently
            case Double d -> Double.isFinite(d); // NaN and the infinities have no JSON number
            default -> false;
        };
    }

    /**
     * A plain value (maps, lists, values, {@link RawJson}) flattened, or null when it is too large or
     * too deep (then give its JSON text).
     */
    public static Flat of(Object value) {
        Builder out = new Builder();
        out.plain(value, 0);
        return out.build();
    }

    /**
     * Checks that {@code parser}'s input is one JSON value and flattens it on the way; null when the
     * value is too large or too deep to flatten (it is still checked whole).
     *
     * @throws IOException when the input is not one well-formed JSON value
     */
    static Flat parse(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            throw new IOException("empty JSON");
        }
        Builder out = new Builder();
        out.token(parser, 0);
        if (parser.nextToken() != null) {
            throw new IOException("more than one JSON value");
        }
        return out.build();
    }

    /** Appends nodes until the value turns out too large or too deep to flatten; then it is abandoned. */
    private static final class Builder {
        private final StringBuilder kinds = new StringBuilder();
        private Object[] values = new Object[32];
        private int size;
        private boolean abandoned;

        Flat build() {
            return abandoned ? null : new Flat(kinds.toString(), Arrays.copyOf(values, size));
        }

        private void add(char kind, Object value) {
            room(1);
            if (!abandoned) {
                kinds.append(kind);
                values[size++] = value;
            }
        }

        private void room(int more) {
            if (size + more > MAX_VALUES) {
                abandoned = true;
            } else if (size + more > values.length) {
                values = Arrays.copyOf(values, Math.max(size + more, size * 2));
            }
        }

        /** An array whose elements are all values: its kind becomes 'a', their kinds go. */
        private void valuesOnly(int kindAt) {
            if (!abandoned) {
                kinds.setLength(kindAt);
                kinds.append('a');
            }
        }

        void plain(Object value, int depth) {
            if (abandoned) {
                return;
            }
            if (isValue(value)) {
                add('v', value);
                return;
            }
            if (depth == MAX_DEPTH) {
                abandoned = true;
                return;
            }
            switch (value) {
                case RawJson raw -> {
                    Flat flat = raw.flat();
                    if (flat == null) {
                        add('j', raw.text());
                        return;
                    }
                    room(flat.values.length);
                    if (!abandoned) {
                        kinds.append(flat.kinds);
                        System.arraycopy(flat.values, 0, values, size, flat.values.length);
                        size += flat.values.length;
                    }
                }
                case Map<?, ?> map -> {
                    int shapeAt = size;
                    add('{', null);
                    StringBuilder shape = new StringBuilder("[");
                    for (Map.Entry<?, ?> member : map.entrySet()) {
                        appendKey(shape, String.valueOf(member.getKey()));
                        plain(member.getValue(), depth + 1);
                    }
                    if (!abandoned) {
                        values[shapeAt] = shape.append(']').toString();
                    }
                }
                case List<?> list -> {
                    int kindAt = kinds.length();
                    add('[', list.size());
                    boolean valuesOnly = true;
                    for (Object element : list) {
                        valuesOnly &= isValue(element);
                        plain(element, depth + 1);
                    }
                    if (valuesOnly) {
                        valuesOnly(kindAt);
                    }
                }
                default -> add('j', Json.write(value));
            }
        }

        /** The node at the parser's current token and everything inside it (past the flattening bounds, only checked). */
        void token(JsonParser parser, int depth) throws IOException {
            JsonToken token = parser.currentToken();
            if (abandoned || depth == MAX_DEPTH && token.isStructStart()) {
                abandoned = true;
                parser.skipChildren();
                return;
            }
            switch (token) {
                case START_OBJECT -> {
                    int shapeAt = size;
                    add('{', null);
                    StringBuilder shape = new StringBuilder("[");
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        appendKey(shape, parser.currentName());
                        parser.nextToken();
                        token(parser, depth + 1);
                    }
                    if (!abandoned) {
                        values[shapeAt] = shape.append(']').toString();
                    }
                }
                case START_ARRAY -> {
                    int kindAt = kinds.length();
                    int lengthAt = size;
                    add('[', null);
                    int elements = 0;
                    boolean valuesOnly = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        valuesOnly &= parser.currentToken().isScalarValue();
                        token(parser, depth + 1);
                        elements++;
                    }
                    if (!abandoned) {
                        values[lengthAt] = elements;
                    }
                    if (valuesOnly) {
                        valuesOnly(kindAt);
                    }
                }
                case VALUE_STRING -> add('v', parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> add('v', number(parser));
                case VALUE_TRUE -> add('v', Boolean.TRUE);
                case VALUE_FALSE -> add('v', Boolean.FALSE);
                case VALUE_NULL -> add('v', null);
                default -> throw new IOException("unexpected " + token);
            }
        }

        /** The number as JSON.parse reads it: the nearest double (a double or an int of that value). */
        private static Object number(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getDoubleValue(); // Double.parseDouble: correctly rounded, as JSON.parse
            }
            return switch (parser.getNumberType()) {
                case INT -> {
                    int n = parser.getIntValue();
                    yield n == 0 && parser.getText().startsWith("-") ? (Object) (-0.0) : (Object) n; // JSON.parse("-0") is -0
                }
                case LONG -> {
                    long n = parser.getLongValue();
                    yield Math.abs(n) <= 1L << 53 ? (Object) n : (Object) (double) n; // (double) rounds to nearest, as JSON.parse
                }
                default -> parser.getBigIntegerValue().doubleValue();
            };
        }

        private static void appendKey(StringBuilder shape, String key) {
            appendString(shape.length() > 1 ? shape.append(',') : shape, key);
        }
    }

    /** Appends {@code text} as a JSON string. */
    public static StringBuilder appendString(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return out.append(Json.write(text));
            }
        }
        return out.append('"').append(text).append('"');
    }
}
