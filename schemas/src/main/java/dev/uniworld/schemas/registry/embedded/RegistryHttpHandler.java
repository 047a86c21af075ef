package dev.uniworld.schemas.registry.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.uniworld.schemas.registry.CompatibilityLevel;
import dev.uniworld.schemas.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the Confluent REST paths onto {@link RegistryService}, with Confluent's JSON bodies and error answers
 * ({@code {"error_code": 40403, "message": "..."}}). A bad request is always a 4xx with a message, never a 500.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final RegistryService service;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(RegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode answer;
            try {
                answer = route(exchange.getRequestMethod(), segments(exchange), exchange);
            } catch (SchemaRegistryException e) {
                status = e.httpStatus();
                answer = error(e.errorCode(), e.getMessage().replaceAll(" \\(HTTP .*\\)$", ""));
            } catch (RuntimeException e) {
                LOG.error("Unexpected registry failure", e);
                status = 500;
                answer = error(50001, "Error in the backend data store: " + e.getMessage());
            }
            byte[] body = json.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private JsonNode route(String method, List<String> path, HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        int n = path.size();
        String first = n > 0 ? path.get(0) : "";
        if (n == 0 && "GET".equals(method)) {
            return json.createObjectNode();
        }
        if ("subjects".equals(first)) {
            if (n == 1 && "GET".equals(method)) {
                return strings(service.subjects());
            }
            String subject = path.get(1);
            if (n == 2 && "POST".equals(method)) {
                return versionNode(service.lookup(subject, schemaField(exchange)));
            }
            if (n == 3 && "versions".equals(path.get(2)) && "GET".equals(method)) {
                ArrayNode versions = json.createArrayNode();
                service.versions(subject).forEach(v -> versions.add(v.version()));
                return versions;
            }
            if (n == 3 && "versions".equals(path.get(2)) && "POST".equals(method)) {
                return json.createObjectNode().put("id", service.register(subject, schemaField(exchange)));
            }
            if (n == 4 && "versions".equals(path.get(2)) && "GET".equals(method)) {
                return versionNode(service.version(subject, path.get(3)));
            }
            if (n == 5 && "versions".equals(path.get(2)) && "schema".equals(path.get(4)) && "GET".equals(method)) {
                return json.readTree(service.version(subject, path.get(3)).schema());
            }
        }
        if ("schemas".equals(first) && n >= 3 && "ids".equals(path.get(1)) && "GET".equals(method)) {
            String schema = service.schemaById(parseId(path.get(2)));
            return n == 3 ? json.createObjectNode().put("schema", schema) : json.readTree(schema);
        }
        if ("schemas".equals(first) && n == 2 && "types".equals(path.get(1)) && "GET".equals(method)) {
            return strings(List.of("AVRO"));
        }
        if ("compatibility".equals(first) && n == 5 && "subjects".equals(path.get(1)) && "versions".equals(path.get(3))
                && "POST".equals(method)) {
            List<String> problems = service.compatibilityProblems(path.get(2), path.get(4), schemaField(exchange));
            ObjectNode node = json.createObjectNode().put("is_compatible", problems.isEmpty());
            if (query != null && query.contains("verbose=true")) {
                node.set("messages", strings(problems));
            }
            return node;
        }
        if ("config".equals(first) && n <= 2) {
            String subject = n == 2 ? path.get(1) : null;
            if ("GET".equals(method)) {
                CompatibilityLevel level = subject == null ? service.globalLevel()
                        : service.subjectLevel(subject, query != null && query.contains("defaultToGlobal=true"));
                return json.createObjectNode().put("compatibilityLevel", level.name());
            }
            if ("PUT".equals(method)) {
                JsonNode body = body(exchange);
                CompatibilityLevel level;
                try {
                    level = CompatibilityLevel.parse(body.path("compatibility").asText(null));
                } catch (IllegalArgumentException e) {
                    throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                            "Invalid compatibility level. " + e.getMessage());
                }
                service.setLevel(subject, level);
                return json.createObjectNode().put("compatibility", level.name());
            }
        }
        throw new SchemaRegistryException(404, 404, "HTTP " + method + " " + exchange.getRequestURI().getPath()
                + " is not part of the supported API");
    }

    private String schemaField(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: schemaType " + type + " is not supported; this registry holds AVRO schemas");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: the request body needs a string field 'schema'");
        }
        return schema.asText();
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new SchemaRegistryException(422, SchemaRegistryException.UNPROCESSABLE_ENTITY,
                        "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException(422, SchemaRegistryException.UNPROCESSABLE_ENTITY,
                        "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.UNPROCESSABLE_ENTITY,
                    "Unprocessable entity: the request body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private ObjectNode versionNode(RegistryState.Version v) {
        return json.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema());
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private ObjectNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text
                    + " not found");
        }
    }

    private static List<String> segments(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawPath();
        return java.util.Arrays.stream(raw.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }
}
