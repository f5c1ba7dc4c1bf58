package io.lethe.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lethe.engine.failure.InvalidInputException;
import java.io.IOException;

/**
 * JSON a client sends (a request body, a {@code where} parameter), read strictly: text after the value, a key
 * given twice, nesting deeper than {@link StorableValues#MAX_DEPTH} levels and numbers no store can hold are
 * refused as an {@link InvalidInputException} naming where, never echoing the text (refusals are logged).
 */
public final class RequestJson {

    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(StorableValues.MAX_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestJson() {
    }

    /** The JSON as plain values; {@code at} points at where it came from ("" for a whole body, "/where" for a parameter). */
    public static Object read(byte[] json, String at) {
        Object value;
        try {
            value = READER.readValue(json, Object.class);
        } catch (StreamConstraintsException e) {
            throw InvalidInputException.of(at, what(at) + (tooDeep(e) ? "nests deeper than " + StorableValues.MAX_DEPTH + " levels"
                    : "is too large to read"));
        } catch (JsonProcessingException e) {
            String key = duplicateKey(e);
            throw key.isEmpty() ? InvalidInputException.of(at, what(at) + "is not valid JSON")
                    : InvalidInputException.of(at + key, "is given twice");
        } catch (IOException e) {
            throw InvalidInputException.of(at, what(at) + "is not valid JSON");
        }
        StorableValues.problem(value, at).ifPresent(problem -> {
            throw InvalidInputException.of(problem.pointer(), problem.message());
        });
        return value;
    }

    /** Whether the limit {@code e} reports is the nesting depth (others: lengths of numbers, texts, names). */
    static boolean tooDeep(StreamConstraintsException e) {
        return String.valueOf(e.getMessage()).contains("nesting depth");
    }

    private static String what(String at) {
        return at.isEmpty() ? "the request body " : "";
    }

    /** The pointer to a key that appears twice in one object ("" when that is not the problem). */
    private static String duplicateKey(JsonProcessingException e) {
        boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
        return duplicate && e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext().pathAsPointer().toString() : "";
    }
}
