package io.lethe.engine.sequence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Set;

/**
 * Where the designer put a block on the graph canvas, in canvas units. Only the UI reads it; the
 * engine never does. {@link SequenceCompiler} refuses values that are not finite or beyond
 * {@link #LIMIT}.
 */
@JsonDeserialize(using = BlockPosition.Reader.class)
public record BlockPosition(double x, double y) {

    /** The largest distance from the origin on either axis that a sequence may save. */
    public static final double LIMIT = 1_000_000;

    /** Whether one coordinate is finite and within {@link #LIMIT}. */
    static boolean fits(double coordinate) {
        return Double.isFinite(coordinate) && Math.abs(coordinate) <= LIMIT;
    }

    /**
     * Reads {@code {"x": number, "y": number}} strictly: Jackson's defaults would read a missing or
     * null coordinate as 0 and the text {@code "12"} as 12, so a bad position would be saved
     * silently. Errors name the coordinate ({@code .../position/x}).
     */
    static final class Reader extends StdDeserializer<BlockPosition> {

        private static final Set<String> AXES = Set.of("x", "y");

        Reader() {
            super(BlockPosition.class);
        }

        @Override
        public BlockPosition deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(parser);
            if (!node.isObject()) {
                throw problem(ctxt, null, "must be an object {\"x\": number, \"y\": number}");
            }
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!AXES.contains(name)) {
                    throw problem(ctxt, name, "unknown field");
                }
            }
            return new BlockPosition(axis(node, "x", ctxt), axis(node, "y", ctxt));
        }

        private static double axis(JsonNode position, String name, DeserializationContext ctxt) throws JsonMappingException {
            JsonNode value = position.get(name);
            if (value == null || value.isNull()) {
                throw problem(ctxt, name, "is required");
            }
            if (!value.isNumber()) {
                throw problem(ctxt, name, "must be a number");
            }
            return value.doubleValue();
        }

        private static JsonMappingException problem(DeserializationContext ctxt, String field, String message) {
            JsonMappingException e = JsonMappingException.from(ctxt, message);
            return field == null ? e : JsonMappingException.wrapWithPath(e, BlockPosition.class, field);
        }
    }
}
