package dev.uniworld.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uniworld.embedded.EmbeddedKafkaBroker;
import dev.uniworld.embedded.EmbeddedKafkaConfig;
import dev.uniworld.gateway.Gateway;
import dev.uniworld.gateway.GatewayConfig;
import dev.uniworld.pipeline.local.LocalPipeline;
import dev.uniworld.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.Topics;

/**
 * The embedded local stack: a KRaft broker, the Schema Registry on top of it, the project's topics and the request
 * gateway, started in dependency order and stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Topics topics;
    private final List<String> createdTopics;
    private final Gateway gateway;
    private final LocalStackConfig config;

    private LocalStack(LocalStackConfig config, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry,
                       Topics topics, List<String> createdTopics, Gateway gateway) {
        this.config = config;
        this.broker = broker;
        this.registry = registry;
        this.topics = topics;
        this.createdTopics = createdTopics;
        this.gateway = gateway;
    }

    public static LocalStack start(LocalStackConfig config) {
        requirePortFree(config.kafkaPort(), "Kafka", "--kafka-port");
        requirePortFree(config.registryPort(), "Schema Registry", "--registry-port");
        requirePortFree(Math.max(0, config.gatewayPort()), "gateway status", "--gateway-port");
        EmbeddedKafkaConfig kafkaConfig = EmbeddedKafkaConfig.defaults().withPort(config.kafkaPort());
        if (config.dataDir().isPresent()) {
            kafkaConfig = kafkaConfig.withDataDir(config.dataDir().get().resolve("kafka").toAbsolutePath());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaConfig);
        EmbeddedSchemaRegistry registry = null;
        try {
            registry = EmbeddedSchemaRegistry.start(
                    EmbeddedSchemaRegistry.Config.of(broker.bootstrapServers()).withPort(config.registryPort()));
            Topics topics = Topics.standard(config.partitions(), (short) 1);
            List<String> created = TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), topics.all());
            Gateway gateway = config.gatewayPort() == LocalStackConfig.NO_GATEWAY ? null
                    : startGateway(config, broker, registry, topics);
            return new LocalStack(config, broker, registry, topics, created, gateway);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            broker.close();
            throw e;
        }
    }

    private static Gateway startGateway(LocalStackConfig config, EmbeddedKafkaBroker broker,
                                        EmbeddedSchemaRegistry registry, Topics topics) {
        GatewayConfig defaults = GatewayConfig.defaults(broker.bootstrapServers(), registry.url());
        // Gateway state lives beside the broker's data, so that both survive a restart or both start fresh.
        Path stateDir = config.dataDir().map(dir -> dir.resolve("gateway-state").toAbsolutePath())
                .orElseGet(() -> broker.logDir().resolve("..").normalize()
                        .resolve(broker.logDir().getFileName() + "-gateway"));
        GatewayConfig gatewayConfig = new GatewayConfig(defaults.applicationId(), defaults.clientConfig(), stateDir,
                defaults.statusHost(), config.gatewayPort(), defaults.dedupWindow(), defaults.statusRetention(),
                defaults.limits(), topics);
        Gateway gateway = Gateway.start(gatewayConfig);
        gateway.awaitRunning(java.time.Duration.ofSeconds(60));
        return gateway;
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
        if (gateway != null) {
            endpoints.put("Gateway status", gateway.statusUrl() + "   (GET /requests/{id}, /batches/{id})");
        }
        endpoints.put("Kafka data directory", broker.logDir().toString());
        return endpoints;
    }

    /** The gateway's status endpoint base URL, when the stack runs a gateway. */
    public java.util.Optional<String> gatewayStatusUrl() {
        return java.util.Optional.ofNullable(gateway).map(Gateway::statusUrl);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            if (config.dataDir().isEmpty()) {
                deleteRecursively(broker.logDir().resolve("..").normalize()
                        .resolve(broker.logDir().getFileName() + "-gateway"));
            }
        }
        registry.close();
        broker.close();
    }

    /** Fails before anything starts, naming the flag that picks another port. */
    /**
     * @throws PortInUseException naming {@code flag} when another process listens on {@code port} (0, a free port,
     *     always passes)
     */
    public static void requirePortFree(int port, String what, String flag) {
        if (port != 0 && !LocalPipeline.portFree(port)) {
            throw new PortInUseException(what + " port " + port + " on 127.0.0.1 is already in use (is another stack"
                    + " running?). Choose another with " + flag + " <port>, or " + flag + " 0 for a free one.");
        }
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** A configured port is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        PortInUseException(String message) {
            super(message);
        }
    }

}
