package dev.uniworld.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uniworld.embedded.EmbeddedKafkaBroker;
import dev.uniworld.embedded.EmbeddedKafkaConfig;
import dev.uniworld.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.Topics;

/**
 * The embedded local stack: a KRaft broker, the Schema Registry on top of it and the project's topics, started in
 * dependency order and stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Topics topics;
    private final List<String> createdTopics;

    private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Topics topics,
                       List<String> createdTopics) {
        this.broker = broker;
        this.registry = registry;
        this.topics = topics;
        this.createdTopics = createdTopics;
    }

    public static LocalStack start(LocalStackConfig config) {
        requirePortFree(config.kafkaPort(), "Kafka", "--kafka-port");
        requirePortFree(config.registryPort(), "Schema Registry", "--registry-port");
        EmbeddedKafkaConfig kafkaConfig = EmbeddedKafkaConfig.defaults().withPort(config.kafkaPort());
        if (config.dataDir().isPresent()) {
            kafkaConfig = kafkaConfig.withDataDir(config.dataDir().get().resolve("kafka").toAbsolutePath());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaConfig);
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                    EmbeddedSchemaRegistry.Config.of(broker.bootstrapServers()).withPort(config.registryPort()));
            Topics topics = Topics.standard(config.partitions(), (short) 1);
            List<String> created = TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), topics.all());
            return new LocalStack(broker, registry, topics, created);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public Topics topics() {
        return topics;
    }

    /** Topics this start created (empty when the data directory already had them). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** Every endpoint a user needs, in the order they are printed. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("Kafka bootstrap servers", bootstrapServers());
        endpoints.put("Schema Registry", schemaRegistryUrl());
        endpoints.put("Kafka data directory", broker.logDir().toString());
        return endpoints;
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }

    /** Fails before anything starts, naming the flag that picks another port. */
    private static void requirePortFree(int port, String what, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new PortInUseException(what + " port " + port + " on 127.0.0.1 is already in use (is another stack"
                    + " running?). Choose another with " + flag + " <port>, or " + flag + " 0 for a free one.");
        }
    }

    /** A configured port is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        PortInUseException(String message) {
            super(message);
        }
    }

}
