package dev.uniworld.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedSchemaRegistryTest {

    private static RegistryFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RegistryFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Schema v1(String name) {
        return SchemaBuilder.record(name).namespace("test").fields().requiredString("id").endRecord();
    }

    private static Schema v2WithDefault(String name) {
        return SchemaBuilder.record(name).namespace("test").fields().requiredString("id")
                .name("note").type().stringType().stringDefault("none").endRecord();
    }

    private static Schema v2WithoutDefault(String name) {
        return SchemaBuilder.record(name).namespace("test").fields().requiredString("id")
                .requiredInt("count").endRecord();
    }

    @Test
    void registersLooksUpAndAnswersByIdAndVersion() {
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            int id = client.register("reg-value", v1("Reg"));
            assertEquals(id, client.lookup("reg-value", v1("Reg")).id());
            assertEquals(v1("Reg"), client.schemaById(id));
            RegisteredSchema latest = client.latest("reg-value");
            assertEquals(1, latest.version());
            assertEquals(id, latest.id());
            assertEquals(latest, client.version("reg-value", 1));
            assertTrue(client.subjects().contains("reg-value"));
        }
    }

    @Test
    void registeringTheSameSchemaTwiceGivesTheSameIdAndNoNewVersion() {
        try (RestSchemaRegistryClient first = fixture.newClient();
             RestSchemaRegistryClient second = fixture.newClient()) {
            int id = first.register("twice-value", v1("Twice"));
            assertEquals(id, second.register("twice-value", v1("Twice")));
            assertEquals(1, second.latest("twice-value").version());
            // The same schema under another subject shares the global id.
            assertEquals(id, second.register("twice-other-value", v1("Twice")));
        }
    }

    @Test
    void backwardCompatibleChangeIsAcceptedAndIncompatibleChangeIsRefusedWith409() {
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            int first = client.register("evolve-value", v1("Evolve"));
            assertTrue(client.isCompatible("evolve-value", v2WithDefault("Evolve")));
            assertFalse(client.isCompatible("evolve-value", v2WithoutDefault("Evolve")));
            SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                    () -> client.register("evolve-value", v2WithoutDefault("Evolve")));
            assertEquals(409, refused.httpStatus());
            assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, refused.errorCode());
            assertTrue(refused.getMessage().contains("count"), refused.getMessage());
            int second = client.register("evolve-value", v2WithDefault("Evolve"));
            assertNotEquals(first, second);
            assertEquals(2, client.latest("evolve-value").version());
        }
    }

    @Test
    void unknownIdsSubjectsAndVersionsGiveConfluentErrorCodes() {
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            assertEquals(40403, assertThrows(SchemaRegistryException.class,
                    () -> client.schemaById(99_999)).errorCode());
            assertEquals(40401, assertThrows(SchemaRegistryException.class,
                    () -> client.latest("nope-value")).errorCode());
            client.register("versions-value", v1("Versions"));
            assertEquals(40402, assertThrows(SchemaRegistryException.class,
                    () -> client.version("versions-value", 7)).errorCode());
            assertEquals(40403, assertThrows(SchemaRegistryException.class,
                    () -> client.lookup("versions-value", v2WithDefault("Versions"))).errorCode());
        }
    }

    @Test
    void compatibilityLevelsAreConfigurablePerSubjectAndGlobally() {
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            assertEquals(CompatibilityLevel.BACKWARD, client.globalCompatibility());
            client.register("free-value", v1("Free"));
            client.setCompatibility("free-value", CompatibilityLevel.NONE);
            assertEquals(CompatibilityLevel.NONE, client.compatibility("free-value"));
            assertEquals(CompatibilityLevel.BACKWARD, client.compatibility("other-value"), "falls back to global");
            client.register("free-value", v2WithoutDefault("Free"));
            assertEquals(2, client.latest("free-value").version());
        }
    }

    @Test
    void malformedJsonAndInvalidSchemasAreAnswered422WithAMessage() throws Exception {
        HttpResponse<String> malformed = post("/subjects/bad-value/versions", "{\"schema\": ");
        assertEquals(422, malformed.statusCode());
        assertTrue(malformed.body().contains("\"error_code\":422"), malformed.body());
        assertTrue(malformed.body().contains("not valid JSON"), malformed.body());

        HttpResponse<String> invalid = post("/subjects/bad-value/versions",
                "{\"schema\": \"{\\\"type\\\": \\\"recrd\\\"}\"}");
        assertEquals(422, invalid.statusCode());
        assertTrue(invalid.body().contains("\"error_code\":42201"), invalid.body());

        HttpResponse<String> missing = post("/subjects/bad-value/versions", "{\"scheme\": \"x\"}");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("42201"), missing.body());

        HttpResponse<String> badLevel = send("PUT", "/config", "{\"compatibility\": \"SIDEWAYS\"}");
        assertEquals(422, badLevel.statusCode());
        assertTrue(badLevel.body().contains("42203"), badLevel.body());

        HttpResponse<String> unknownPath = send("GET", "/no/such/path", null);
        assertEquals(404, unknownPath.statusCode());
    }

    @Test
    void restartKeepsSchemasIdsAndConfig() {
        int id;
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            id = client.register("durable-value", v1("Durable"));
            client.register("durable-value", v2WithDefault("Durable"));
            client.setCompatibility("durable-value", CompatibilityLevel.FULL);
        }
        fixture.restartRegistry();
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            assertEquals(v1("Durable"), client.schemaById(id));
            assertEquals(2, client.latest("durable-value").version());
            assertEquals(CompatibilityLevel.FULL, client.compatibility("durable-value"));
            int next = client.register("durable-new-value", v1("DurableNew"));
            assertTrue(next > id, "ids keep increasing after a restart");
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
