package io.lethe.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON text carried as is (e.g. what a script returned), parsed only when something looks inside
 * it and written out unchanged: a script result that goes straight into a response is never turned
 * into Java maps and back. {@link Json#plain} gives the parsed value.
 */
public final class RawJson implements JsonSerializable {

    private volatile String text;
    private final byte[] utf8; // until the text is asked for: a request body a script reads flattened never needs it
    private volatile Object value;
    private volatile boolean parsed;
    private volatile Flat flat;
    private volatile boolean flattened;

    public RawJson(String text) {
        this.text = Objects.requireNonNull(text);
        this.utf8 = null;
    }

    private RawJson(byte[] utf8, Flat flat) {
        this.utf8 = utf8;
        this.flat = flat;
        this.flattened = true;
    }

    /**
     * UTF-8 JSON bytes as raw JSON after checking they are well-formed (one token scan, no maps
     * built), {@linkplain #flat() flattened} on the way for a script that reads them. The array is
     * kept (its text is made when asked for): do not change it afterwards.
     *
     * @throws IllegalArgumentException when they are not JSON
     */
    public static RawJson checked(byte[] json) {
        Flat flat;
        try (var parser = FACTORY.createParser(json)) {
            flat = Flat.parse(parser, json.length);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException(RequestJson.tooDeep(e) ? "the request body nests deeper than " + StorableValues.MAX_DEPTH
                    + " levels" : "the request body is too large to read", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON", e);
        }
        return new RawJson(json, flat);
    }

    /** Nesting deeper than a request may ({@link StorableValues#MAX_DEPTH}) is refused as it is read. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(StorableValues.MAX_DEPTH).build()).build();

    /** The value flattened for a script (made once), or null when it is too large or deep for that. */
    public Flat flat() {
        if (!flattened) {
            try (var parser = FACTORY.createParser(text())) {
                flat = Flat.parse(parser, text().length());
            } catch (IOException e) {
                flat = null; // not JSON after all: the script's JSON.parse of the text reports it
            }
            flattened = true;
        }
        return flat;
    }

    /** The flattened value if it has been made already (never parses), else null. */
    Flat flattenedOrNull() {
        return flattened ? flat : null;
    }

    public String text() {
        String made = text;
        if (made == null) {
            made = new String(utf8, StandardCharsets.UTF_8);
            text = made;
        }
        return made;
    }

    /** The parsed value (maps, lists, strings, numbers, booleans, null), parsed once. */
    public Object value() {
        if (!parsed) {
            value = Json.read(text());
            parsed = true;
        }
        return value;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeRawValue(text());
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
        return text();
    }
}
