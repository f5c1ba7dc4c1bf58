package io.lethe.http;

import io.lethe.http.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 document of the declared routes (see {@link ApiRouter}). */
public final class OpenApi {

    private static final Pattern PARAM = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");

    private OpenApi() {
    }

    /** {@code /api/models/:name} as {@code /api/models/{name}}. */
    public static String openApiPath(String vertxPath) {
        return PARAM.matcher(vertxPath).replaceAll("{$1}");
    }

    public static Map<String, Object> document(String version, List<ApiRouter.Operation> operations) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new TreeMap<>();
        JsonSchemas bodies = new JsonSchemas(schemas);
        for (ApiRouter.Operation op : operations) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(openApiPath(op.path()), p -> new LinkedHashMap<>());
            item.put(op.method().name().toLowerCase(Locale.ROOT), operation(op, bodies));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Lethe API", "version", version,
                "description", "Low-code orchestration whose data can be forgotten on purpose. Errors are application/problem+json."));
        doc.put("paths", paths);
        schemas.put("Problem", Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"), "status", Map.of("type", "integer"),
                "detail", Map.of("type", "string"), "instance", Map.of("type", "string"),
                "correlationId", Map.of("type", "string"),
                "errors", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
                        "pointer", Map.of("type", "string"), "message", Map.of("type", "string")))))));
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT")),
                "schemas", schemas));
        return doc;
    }

    private static Map<String, Object> operation(ApiRouter.Operation op, JsonSchemas bodies) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("tags", List.of(op.tag()));
        operation.put("summary", op.summary());
        operation.put("description", op.open() ? "No authentication." : op.roles().isEmpty()
                ? "Any signed-in user." : "Roles: " + String.join(", ", Role.labels(op.roles())) + ".");
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PARAM.matcher(op.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (!op.open()) {
            operation.put("security", List.of(Map.of("bearer", List.of())));
        }
        if (op.body()) {
            Map<String, Object> schema = op.bodyType() == null ? Map.of("type", "object") : bodies.of(op.bodyType());
            operation.put("requestBody", Map.of("content", Map.of("application/json", Map.of("schema", schema))));
        }
        Map<String, Object> problem = Map.of("content", Map.of("application/problem+json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("2XX", Map.of("description", "Success"));
        Map<String, Object> refused = new LinkedHashMap<>(problem);
        refused.put("description", "Refused: invalid input, unauthenticated, forbidden, not found or conflict");
        responses.put("4XX", refused);
        operation.put("responses", responses);
        return operation;
    }
}
