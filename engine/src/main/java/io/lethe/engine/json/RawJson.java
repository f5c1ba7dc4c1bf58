package io.lethe.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.Objects;

/**
 * JSON text carried as is (e.g. what a script returned), parsed only when something looks inside
 * it and written out unchanged: a script result that goes straight into a response is never turned
 * into Java maps and back. {@link Json#plain} gives the parsed value.
 */
public final class RawJson implements JsonSerializable {

    private final String text;
    private volatile Object value;
    private volatile boolean parsed;
    private volatile Flat flat;
    private volatile boolean flattened;

    public RawJson(String text) {
        this.text = Objects.requireNonNull(text);
    }

    private RawJson(String text, Flat flat) {
        this(text);
        this.flat = flat;
        this.flattened = true;
    }

    /**
     * UTF-8 JSON bytes as raw JSON after checking they are well-formed (one token scan, no maps
     * built), {@linkplain #flat() flattened} on the way for a script that reads them.
     *
     * @throws IllegalArgumentException when they are not JSON
     */
    public static RawJson checked(byte[] json) {
        Flat flat;
        try (var parser = FACTORY.createParser(json)) {
            flat = Flat.parse(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        return new RawJson(new String(json, java.nio.charset.StandardCharsets.UTF_8), flat);
    }

    private static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    /** The value flattened for a script (made once), or null when it is too large or deep for that. */
    public Flat flat() {
        if (!flattened) {
            try (var parser = FACTORY.createParser(text)) {
                flat = Flat.parse(parser);
            } catch (IOException e) {
                flat = null; // not JSON after all: the script's JSON.parse of the text reports it
            }
            flattened = true;
        }
        return flat;
    }

    public String text() {
        return text;
    }

    /** The parsed value (maps, lists, strings, numbers, booleans, null), parsed once. */
    public Object value() {
        if (!parsed) {
            value = Json.read(text);
            parsed = true;
        }
        return value;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeRawValue(text);
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
        serialize(gen, serializers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && Objects.equals(value(), raw.value());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value());
    }

    @Override
    public String toString() {
        return text;
    }
}
