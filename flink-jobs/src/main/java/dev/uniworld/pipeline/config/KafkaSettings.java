package dev.uniworld.pipeline.config;

import dev.uniworld.schemas.topics.Topics;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The job's Kafka and Schema Registry endpoints. Keys are {@code kafka.<name>}.
 *
 * @param bootstrapServers      {@code bootstrap-servers} (default 127.0.0.1:9092, the local stack)
 * @param schemaRegistryUrl     {@code schema-registry-url} (default http://127.0.0.1:8081)
 * @param inputTopic            {@code input-topic}: validated requests (default uniworld.requests.accepted)
 * @param resultsTopic          {@code results-topic} (default uniworld.results)
 * @param rejectedTopic         {@code rejected-topic} (default uniworld.rejected)
 * @param groupId               {@code group-id}: consumer group of the source (default uniworld-pipeline)
 * @param transactionalIdPrefix {@code transactional-id-prefix}: must be unique per job writing to a cluster, or two
 *                              jobs fence each other's transactions (default uniworld-pipeline)
 * @param transactionTimeout    {@code transaction-timeout-ms}: at most the broker's transaction.max.timeout.ms
 *                              (15 min by default, which brokers refuse to exceed); Flink's own default of 1 h is
 *                              refused (default 15 min)
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, String inputTopic, String resultsTopic,
        String rejectedTopic, String groupId, String transactionalIdPrefix, Duration transactionTimeout)
        implements Serializable {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(resultsTopic, "resultsTopic");
        Objects.requireNonNull(rejectedTopic, "rejectedTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        if (transactionTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("transaction-timeout-ms above 15 min is refused by default brokers");
        }
    }

    public static KafkaSettings defaults() {
        return new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081", Topics.ACCEPTED, Topics.RESULTS,
                Topics.REJECTED, "uniworld-pipeline", "uniworld-pipeline", Duration.ofMinutes(15));
    }

    public KafkaSettings withEndpoints(String bootstrap, String registry) {
        return new KafkaSettings(bootstrap, registry, inputTopic, resultsTopic, rejectedTopic, groupId,
                transactionalIdPrefix, transactionTimeout);
    }

    /** Topic names and the ids derived from them, e.g. for tests that isolate runs on one cluster. */
    public KafkaSettings withTopics(String input, String results, String rejected, String group, String txPrefix) {
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, input, results, rejected, group, txPrefix,
                transactionTimeout);
    }
}
