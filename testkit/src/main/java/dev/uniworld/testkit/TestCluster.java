package dev.uniworld.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka cluster plus a Schema Registry for integration tests, whichever backend provides them. Tests only see
 * addresses, so the same test runs against containers and against the embedded stack.
 */
public interface TestCluster extends AutoCloseable {

    Backend backend();

    /** {@code host:port} list for Kafka clients. */
    String bootstrapServers();

    /** Base URL of the Schema Registry. */
    String schemaRegistryUrl();

    /** Client properties that reach both: bootstrap servers and {@code schema.registry.url}. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("schema.registry.url", schemaRegistryUrl());
        return config;
    }

    @Override
    void close();

    /** Starts a cluster on the given backend; check {@link Backend#unavailableReason()} first. */
    static TestCluster start(Backend backend) {
        return switch (backend) {
            case EMBEDDED -> EmbeddedTestCluster.start();
            case CONTAINERS -> ContainerTestCluster.start();
        };
    }
}
