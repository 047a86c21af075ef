package dev.uniworld.schemas.registry;

import dev.uniworld.embedded.EmbeddedKafkaBroker;
import dev.uniworld.embedded.EmbeddedKafkaConfig;
import dev.uniworld.schemas.registry.embedded.EmbeddedSchemaRegistry;

/** A real broker plus the embedded registry on top of it, for tests of the registry and the serdes. */
public final class RegistryFixture implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;

    public RegistryFixture() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults());
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Config.of(broker.bootstrapServers()));
    }

    public String url() {
        return registry.url();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public RestSchemaRegistryClient newClient() {
        return new RestSchemaRegistryClient(RegistryClientConfig.of(url()));
    }

    /** Stops the registry and starts a fresh one on the same broker (and the same port). */
    public void restartRegistry() {
        int port = registry.port();
        registry.close();
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Config.of(broker.bootstrapServers())
                .withPort(port));
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
