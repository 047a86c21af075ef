package dev.uniworld.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.gateway.validation.ValidationLimits;
import dev.uniworld.schemas.registry.InMemorySchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroDeserializer;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.serde.SerdeSettings;
import dev.uniworld.schemas.topics.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The gateway topology in a {@link TopologyTestDriver}, with an in-memory registry shared by every serde. */
final class GatewayTopologyFixture implements AutoCloseable {

    static final Duration DEDUP_WINDOW = Duration.ofHours(1);
    static final Duration STATUS_RETENTION = Duration.ofDays(7);

    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final GatewayTopics topics = GatewayTopics.create(Topics.local(), registry, SerdeSettings.defaults());
    final TopologyTestDriver driver;
    final TestInputTopic<String, GenerationRequest> requests;
    final TestInputTopic<String, byte[]> rawRequests;
    final TestInputTopic<String, GenerationResult> results;
    final TestOutputTopic<String, GenerationRequest> accepted;
    final TestOutputTopic<String, RequestRejected> rejected;
    final TestOutputTopic<String, BatchStatus> batches;

    GatewayTopologyFixture(Path stateDir) {
        this(stateDir, ValidationLimits.defaults().withAllowedUriSchemes(java.util.Set.of("file", "https"))
                .withAllowedUriRoots(List.of("file:///data/images/", "https://images.example.com/")));
    }

    GatewayTopologyFixture(Path stateDir, ValidationLimits limits) {
        StreamsBuilder builder = new StreamsBuilder();
        RequestGateway.buildTopology(builder, topics, limits, DEDUP_WINDOW, STATUS_RETENTION);
        GatewayConfig config = GatewayConfig.defaults("unused:9092", "http://unused:8081").withStateDir(stateDir);
        Properties props = RequestGateway.streamsConfig(config);
        props.put(UndeserializableRequestHandler.REGISTRY_CLIENT_CONFIG, registry);
        driver = new TopologyTestDriver(builder.build(), props, TestRequests.NOW);
        requests = driver.createInputTopic(topics.requests().name(), new StringSerializer(),
                new AvroSerializer<>(GenerationRequest.class, registry, SerdeSettings.defaults()));
        rawRequests = driver.createInputTopic(topics.requests().name(), new StringSerializer(),
                new ByteArraySerializer());
        results = driver.createInputTopic(topics.results().name(), new StringSerializer(),
                topics.results().valueSerde().serializer());
        accepted = driver.createOutputTopic(topics.accepted().name(), new StringDeserializer(),
                new AvroDeserializer<>(GenerationRequest.class, registry));
        rejected = driver.createOutputTopic(topics.rejected().name(), new StringDeserializer(),
                topics.rejected().valueSerde().deserializer());
        batches = driver.createOutputTopic(topics.batches().name(), new StringDeserializer(),
                topics.batches().valueSerde().deserializer());
    }

    void submit(GenerationRequest request) {
        requests.pipeInput(request.getRequestId(), request, TestRequests.NOW);
    }

    @Override
    public void close() {
        driver.close();
    }
}
