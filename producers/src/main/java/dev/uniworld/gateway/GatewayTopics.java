package dev.uniworld.gateway;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroSerdes;
import dev.uniworld.schemas.serde.SerdeSettings;
import dev.uniworld.schemas.topics.Topic;
import dev.uniworld.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The gateway's topics with their serdes, built once from the topic names and a registry client. Accepted requests
 * travel as their producers wrote them ({@link WiredRequest}).
 */
public record GatewayTopics(Topic<String, WiredRequest> requests, Topic<String, WiredRequest> accepted,
                            Topic<String, RequestRejected> rejected, Topic<String, GenerationResult> results,
                            Topic<String, BatchStatus> batches) {

    public static GatewayTopics create(Topics names, SchemaRegistryClient registry, SerdeSettings settings) {
        return new GatewayTopics(
                new Topic<>(names.requests().name(), Serdes.String(), WiredRequest.serde(registry)),
                new Topic<>(names.accepted().name(), Serdes.String(), WiredRequest.acceptedSerde(registry, settings)),
                new Topic<>(names.rejected().name(), Serdes.String(),
                        AvroSerdes.of(RequestRejected.class, registry, settings)),
                new Topic<>(names.results().name(), Serdes.String(),
                        AvroSerdes.of(GenerationResult.class, registry, settings)),
                new Topic<>(names.batches().name(), Serdes.String(),
                        AvroSerdes.of(BatchStatus.class, registry, settings)));
    }
}
