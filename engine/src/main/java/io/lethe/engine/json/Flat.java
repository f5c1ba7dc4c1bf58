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
 * {@linkplain Shape shape}: the number of its keys in order, or past the shapes' bounds the JSON array
 * of them; then its members as nodes); {@code j} JSON text, for
 * what has no exact value here (a {@code float}, a long beyond 2<sup>53</sup>, a date...). The
 * script side builds exactly what {@code JSON.parse} of the value's JSON text would.
 */
public final class Flat {

    /** Values beyond which a value is not flattened (it goes as JSON text): a bound on what crosses into a script at once. */
    public static final int MAX_VALUES = 4096;
    /** Nesting beyond which a value is not flattened (it goes as JSON text): the builders here recurse. */
    public static final int MAX_DEPTH = 64;

    private final String kinds;
    private final Object[] values;
    private final int count;

    private Flat(String kinds, Object[] values, int count) {
        this.kinds = kinds;
        this.values = values;
        this.count = count;
    }

    public String kinds() {
        return kinds;
    }

    /** The values in document order. */
    public Object[] values() {
        return Arrays.copyOf(values, count);
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
        Builder out = new Builder(new Parts(16));
        out.plain(value, 0);
        return out.build();
    }

    /**
     * Checks that {@code parser}'s input is one JSON value and flattens it on the way; null when the
     * value is too large or too deep to flatten (it is still checked whole).
     *
     * @throws IOException when the input is not one well-formed JSON value
     */
    static Flat parse(JsonParser parser, int length) throws IOException {
        if (parser.nextToken() == null) {
            throw new IOException("empty JSON");
        }
        // A value and its comma take 2+ characters, typical ones 4+ ("12," and a key's share): sized for those, grown for denser input.
        Builder out = new Builder(new Parts(Math.min(MAX_VALUES, length / 4 + 8)));
        out.token(parser, 0);
        if (parser.nextToken() != null) {
            throw new IOException("more than one JSON value");
        }
        return out.build();
    }

    /** A growable array of what a script is given: single items and flattened values, in one array. */
    public static final class Parts {
        private Object[] items;
        private int size;

        public Parts(int capacity) {
            items = new Object[Math.max(capacity, 4)];
        }

        public int size() {
            return size;
        }

        public void add(Object item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }

        public void set(int index, Object item) {
            items[index] = item;
        }

        /** The array the items are in, from index 0 (it may be longer: its end is unused). */
        public Object[] array() {
            return items;
        }

        /** Drops the items from {@code size} on. */
        public void truncate(int size) {
            if (size < this.size) {
                Arrays.fill(items, size, this.size, null);
                this.size = size;
            }
        }

        /** Makes room for {@code capacity} items in all, so that adding up to that many copies nothing. */
        public void ensureCapacity(int capacity) {
            if (capacity > items.length) {
                items = Arrays.copyOf(items, capacity);
            }
        }

        /** How many items {@link #addFlat} adds for {@code value}: exact for raw JSON already flattened, else a guess. */
        public static int flatSize(Object value) {
            Flat flat = value instanceof RawJson raw ? raw.flattenedOrNull() : null;
            return flat == null ? 2 : 1 + flat.count;
        }

        /** Appends {@code value} flattened: its kinds, then its values; or "j" then its JSON text when it is too large or deep. */
        public void addFlat(Object value) {
            int at = size;
            add(null);
            Flat flat = value instanceof RawJson raw ? raw.flat() : null;
            if (flat != null) {
                items[at] = flat.kinds;
                addAll(flat.values, flat.count);
                return;
            }
            Builder out = new Builder(this);
            out.plain(value, 0);
            if (out.abandoned) {
                truncate(at);
                add("j");
                add(value instanceof RawJson raw ? raw.text() : Json.write(value));
            } else {
                items[at] = out.kinds.toString();
            }
        }

        private void addAll(Object[] more, int count) {
            if (size + count > items.length) {
                items = Arrays.copyOf(items, Math.max(size + count, size * 2));
            }
            System.arraycopy(more, 0, items, size, count);
            size += count;
        }
    }

    /** Appends nodes to parts until the value turns out too large or too deep to flatten; then it is abandoned. */
    private static final class Builder {
        private final StringBuilder kinds = new StringBuilder(64);
        private final Parts out;
        private final int start;
        private boolean abandoned;

        Builder(Parts out) {
            this.out = out;
            this.start = out.size;
        }

        Flat build() {
            return abandoned ? null : new Flat(kinds.toString(), out.items, out.size);
        }

        private void add(char kind, Object value) {
            if (out.size - start == MAX_VALUES) {
                abandoned = true;
            }
            if (!abandoned) {
                kinds.append(kind);
                out.add(value);
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
                    } else if (out.size - start + flat.count > MAX_VALUES) {
                        abandoned = true;
                    } else {
                        kinds.append(flat.kinds);
                        out.addAll(flat.values, flat.count);
                    }
                }
                case Map<?, ?> map -> {
                    int shapeAt = out.size;
                    add('{', null);
                    Shape.Keys keys = new Shape.Keys(false);
                    for (Map.Entry<?, ?> member : map.entrySet()) {
                        keys.add(String.valueOf(member.getKey()), false);
                        plain(member.getValue(), depth + 1);
                    }
                    if (!abandoned) {
                        out.set(shapeAt, keys.shape());
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
                    int shapeAt = out.size;
                    add('{', null);
                    Shape.Keys keys = new Shape.Keys(false);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        keys.add(parser.currentName(), false);
                        parser.nextToken();
                        token(parser, depth + 1);
                    }
                    if (!abandoned) {
                        out.set(shapeAt, keys.shape());
                    }
                }
                case START_ARRAY -> {
                    int kindAt = kinds.length();
                    int lengthAt = out.size;
                    add('[', null);
                    int elements = 0;
                    boolean valuesOnly = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        valuesOnly &= parser.currentToken().isScalarValue();
                        token(parser, depth + 1);
                        elements++;
                    }
                    if (!abandoned) {
                        out.set(lengthAt, elements);
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
