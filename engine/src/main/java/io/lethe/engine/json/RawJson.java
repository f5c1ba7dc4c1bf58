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

    public RawJson(String text) {
        this.text = Objects.requireNonNull(text);
    }

    /**
     * UTF-8 JSON bytes as raw JSON after checking they are well-formed (a token scan, no maps built).
     *
     * @throws IllegalArgumentException when they are not JSON
     */
    public static RawJson checked(byte[] json) {
        try (var parser = CHECKER.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("empty JSON");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        return new RawJson(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static final com.fasterxml.jackson.core.JsonFactory CHECKER = new com.fasterxml.jackson.core.JsonFactory();

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
