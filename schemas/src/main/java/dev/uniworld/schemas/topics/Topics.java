package dev.uniworld.schemas.topics;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;

/**
 * The one registry of the project's topic names and configurations (the README's "Events and topics"). Keys are
 * request ids (batch ids on the batches topic); values are the Avro events named in each accessor.
 *
 * @param requests  {@code GenerationRequest} from clients, unvalidated
 * @param accepted  {@code GenerationRequest} validated and deduplicated by the gateway; the pipeline's input
 * @param results   {@code GenerationResult}, written exactly once by the pipeline
 * @param rejected  {@code RequestRejected} from the gateway and the pipeline
 * @param batches   {@code BatchStatus}, compacted: the latest status per batch
 */
public record Topics(TopicSpec requests, TopicSpec accepted, TopicSpec results, TopicSpec rejected,
                     TopicSpec batches) {

    public static final String REQUESTS = "uniworld.requests";
    public static final String ACCEPTED = "uniworld.requests.accepted";
    public static final String RESULTS = "uniworld.results";
    public static final String REJECTED = "uniworld.rejected";
    public static final String BATCHES = "uniworld.batches";
    /** Where the Schema Registry keeps its schemas (created by the registry itself, compacted). */
    public static final String SCHEMAS = "_schemas";

    /** Inline images ride in events: 8 MiB leaves room for a few megapixel PNGs; larger ones go by URI. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /**
     * The standard set.
     *
     * @param partitions partitions of the request, accepted and result topics (batches and rejections use the same)
     * @param replicas   replication factor of every topic
     */
    public static Topics standard(int partitions, short replicas) {
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
        return new Topics(
                new TopicSpec(REQUESTS, partitions, replicas, large),
                new TopicSpec(ACCEPTED, partitions, replicas, large),
                new TopicSpec(RESULTS, partitions, replicas, large),
                new TopicSpec(REJECTED, partitions, replicas, Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(1024 * 1024))),
                new TopicSpec(BATCHES, partitions, replicas, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /** The local single-node default: 2 partitions (the mini cluster's parallelism), 1 replica. */
    public static Topics local() {
        return standard(2, (short) 1);
    }

    public List<TopicSpec> all() {
        return List.of(requests, accepted, results, rejected, batches);
    }
}
