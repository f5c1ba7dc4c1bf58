package io.lethe.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes plain values (string-keyed maps, lists, strings, numbers, booleans, null, {@link RawJson})
 * straight to a Jackson generator, the same text the object mapper writes but without its
 * per-call serializer set-up: this is on the path of every script run and every hook response.
 */
final class PlainWriter {

    /** Thrown on the first value that is not plain: the caller lets the object mapper write it all. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private PlainWriter() {
    }

    /** The JSON text of {@code value}, or {@code null} when something in it is not a plain value. */
    static String write(JsonFactory factory, Object value) {
        // The most frequent small values (a hook's method and path, an empty query) need no generator.
        switch (value) {
            case String s -> {
                return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
            }
            case Map<?, ?> map when map.isEmpty() -> {
                return "{}";
            }
            case List<?> list when list.isEmpty() -> {
                return "[]";
            }
            case null, default -> {
            }
        }
        BufferRecycler recycler = factory._getBufferRecycler();
        try (SegmentedStringWriter text = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator out = factory.createGenerator(text)) {
                value(out, value);
            }
            return text.getAndClear();
        } catch (NotPlain e) {
            return null;
        } catch (IOException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
        } finally {
            recycler.releaseToPool();
        }
    }

    private static void value(JsonGenerator out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeNull();
            case String s -> out.writeString(s);
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw NOT_PLAIN;
                    }
                    out.writeFieldName(key);
                    value(out, e.getValue());
                }
                out.writeEndObject();
            }
            case List<?> list -> {
                out.writeStartArray();
                for (Object item : list) {
                    value(out, item);
                }
                out.writeEndArray();
            }
            case RawJson raw -> out.writeRawValue(raw.text());
            case Boolean b -> out.writeBoolean(b);
            case Integer i -> out.writeNumber(i);
            case Long l -> out.writeNumber(l);
            case Double d -> out.writeNumber(d);
            case BigDecimal d -> out.writeNumber(d);
            case BigInteger i -> out.writeNumber(i);
            default -> throw NOT_PLAIN;
        }
    }
}
