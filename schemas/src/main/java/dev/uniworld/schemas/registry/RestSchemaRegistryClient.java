package dev.uniworld.schemas.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * Speaks the Confluent Schema Registry REST protocol over {@link HttpClient}; works against Confluent Schema Registry,
 * Apicurio (Confluent-compatible API, {@code /apis/ccompat/v7}), Karapace, Redpanda and the embedded registry.
 * Ids and registrations are immutable facts in the registry, so they are cached for the life of the client.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        config.tls().ifPresent(tls -> builder.sslContext(tls.sslContext()));
        this.http = builder.build();
        this.authorization = config.userInfo().map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + "\u0000" + schema;
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(call("POST", "/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key ->
                parse(call("GET", "/schemas/ids/" + key, null).path("schema").asText()));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                .path("is_compatible").asBoolean();
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        return CompatibilityLevel.parse(
                call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null)
                        .path("compatibilityLevel").asText());
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), json.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.parse(call("GET", "/config", null).path("compatibilityLevel").asText());
    }

    @Override
    public void close() {
        // HttpClient has no close() on Java 17; its threads end when it becomes unreachable.
    }

    private ObjectNode schemaBody(Schema schema) {
        // schemaType is omitted for AVRO, as Confluent's own client does, so that older registries accept the body.
        return json.createObjectNode().put("schema", schema.toString());
    }

    private RegisteredSchema registered(JsonNode node) {
        Schema schema = parse(node.path("schema").asText());
        int id = node.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(node.path("subject").asText(), node.path("version").asInt(), id, schema);
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
                    "The registry returned a schema that does not parse: " + e.getMessage(), e);
        }
    }

    /** Tries each configured URL in turn; an HTTP error answer is final, a connection failure moves on. */
    private JsonNode call(String method, String path, JsonNode body) {
        SchemaRegistryException lastFailure = null;
        for (URI base : config.urls()) {
            try {
                return send(base, method, path, body);
            } catch (ConnectException | HttpTimeoutException e) {
                lastFailure = new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, 0,
                        "Schema Registry unreachable at " + base + ": " + e.getClass().getSimpleName(), e);
            } catch (IOException e) {
                lastFailure = new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, 0,
                        "Schema Registry call " + method + " " + base + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, 0, "Interrupted", e);
            }
        }
        throw lastFailure;
    }

    private JsonNode send(URI base, String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = readJson(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(response.statusCode(),
                    answer.path("error_code").asInt(response.statusCode()),
                    answer.path("message").asText("HTTP " + response.statusCode() + " from " + method + " " + path));
        }
        return answer;
    }

    private JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            // Some proxies answer errors in HTML; keep the start of it in the message.
            return json.createObjectNode().put("message", text.substring(0, Math.min(200, text.length())));
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
