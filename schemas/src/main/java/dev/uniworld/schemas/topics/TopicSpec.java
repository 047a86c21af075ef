package dev.uniworld.schemas.topics;

import java.util.Map;

/**
 * A topic and the configuration it is created with.
 *
 * @param name       topic name
 * @param partitions partition count; parallelism of the consumers downstream is bounded by it
 * @param replicas   replication factor (1 on the embedded single-node broker; 3 on a production cluster)
 * @param configs    topic-level configs ({@code max.message.bytes}, {@code cleanup.policy}, ...)
 */
public record TopicSpec(String name, int partitions, short replicas, Map<String, String> configs) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions of " + name + " must be >= 1, was " + partitions);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas of " + name + " must be >= 1, was " + replicas);
        }
        configs = Map.copyOf(configs);
    }
}
