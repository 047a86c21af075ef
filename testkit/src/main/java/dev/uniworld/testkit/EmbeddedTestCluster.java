package dev.uniworld.testkit;

import dev.uniworld.embedded.EmbeddedKafkaBroker;
import dev.uniworld.embedded.EmbeddedKafkaConfig;
import dev.uniworld.schemas.registry.embedded.EmbeddedSchemaRegistry;

/** The in-JVM broker with the embedded registry on top, on free loopback ports and a temporary data directory. */
final class EmbeddedTestCluster implements TestCluster {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedTestCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    static EmbeddedTestCluster start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults());
        try {
            return new EmbeddedTestCluster(broker,
                    EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Config.of(broker.bootstrapServers())));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public Backend backend() {
        return Backend.EMBEDDED;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
