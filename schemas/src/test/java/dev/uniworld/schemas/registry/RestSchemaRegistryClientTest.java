package dev.uniworld.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client behaviour that needs no real registry: credentials, fail-over, caching, configuration errors. */
class RestSchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Auth").fields().requiredString("id").endRecord();

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        // A registry stand-in that insists on basic auth, as a secured Confluent Schema Registry does.
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic "
                + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        server.createContext("/schemas/ids/7", exchange -> {
            calls.incrementAndGet();
            boolean authorised = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorised ? "{\"schema\": " + quote(SCHEMA.toString()) + "}"
                    : "{\"error_code\": 401, \"message\": \"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void basicAuthCredentialsAreSentFromUserInfo() {
        RegistryClientConfig config = RegistryClientConfig.fromMap(Map.of(RegistryClientConfig.URL, url(),
                RegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO", RegistryClientConfig.USER_INFO, "alice:s3cret"));
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(config)) {
            assertEquals(SCHEMA, client.schemaById(7));
        }
    }

    @Test
    void missingCredentialsGiveTheRegistrysError() {
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(url()))) {
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(7));
            assertEquals(401, e.httpStatus());
        }
    }

    @Test
    void anUnreachableUrlFallsOverToTheNextAndIdsAreCached() {
        RegistryClientConfig config = RegistryClientConfig.fromMap(Map.of(
                RegistryClientConfig.URL, "http://127.0.0.1:1," + url(),
                RegistryClientConfig.USER_INFO, "alice:s3cret"));
        assertEquals(List.of("http://127.0.0.1:1", url()), config.urls().stream().map(Object::toString).toList());
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(config)) {
            assertEquals(SCHEMA, client.schemaById(7));
            assertEquals(SCHEMA, client.schemaById(7));
        }
        assertEquals(1, calls.get(), "the second lookup is served from the cache");
    }

    @Test
    void everyUrlUnreachableIsReportedAsSuch() {
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                RegistryClientConfig.of("http://127.0.0.1:1"))) {
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(7));
            assertTrue(e.isUnreachable());
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        }
    }

    @Test
    void configurationMistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromMap(Map.of()))
                .getMessage().contains("schema.registry.url"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.of("ftp://x"))
                .getMessage().contains("http"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromMap(Map.of(
                RegistryClientConfig.URL, "http://x", RegistryClientConfig.CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .getMessage().contains("basic.auth.credentials.source"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
