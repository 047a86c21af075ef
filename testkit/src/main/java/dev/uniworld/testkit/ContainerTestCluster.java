package dev.uniworld.testkit;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka (KRaft) and Confluent Schema Registry in containers on one network, so that the project's registry
 * client and serdes are checked against the real registry. Images can be overridden with the system properties
 * {@code uniworld.test.kafka-image} and {@code uniworld.test.registry-image}.
 */
final class ContainerTestCluster implements TestCluster {

    static final String KAFKA_IMAGE = System.getProperty("uniworld.test.kafka-image", "apache/kafka:4.1.1");
    static final String REGISTRY_IMAGE =
            System.getProperty("uniworld.test.registry-image", "confluentinc/cp-schema-registry:8.1.0");
    private static final String KAFKA_ALIAS = "kafka";

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerTestCluster(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    static ContainerTestCluster start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withNetwork(network)
                .withListener(KAFKA_ALIAS + ":19092");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_ALIAS + ":19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        try {
            registry.start();
        } catch (RuntimeException e) {
            kafka.stop();
            network.close();
            throw e;
        }
        return new ContainerTestCluster(network, kafka, registry);
    }

    @Override
    public Backend backend() {
        return Backend.CONTAINERS;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
