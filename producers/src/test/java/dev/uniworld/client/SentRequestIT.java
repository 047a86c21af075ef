package dev.uniworld.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.gateway.Gateway;
import dev.uniworld.gateway.GatewayConfig;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.Topics;
import dev.uniworld.testkit.ClusterTest;
import dev.uniworld.testkit.TestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a broker, registry and gateway: another producer's unreadable record under a request's id is
 * rejected under that id, and the client does not take the rejection for its own request's outcome.
 */
class SentRequestIT {

    @TempDir
    Path stateDir;

    @ClusterTest
    void aRejectionOfAnotherRecordUnderTheSameIdIsNotTheOutcome(TestCluster cluster) throws Exception {
        TopicProvisioner.ensure(Map.of("bootstrap.servers", cluster.bootstrapServers()), Topics.local().all());
        GatewayConfig config = GatewayConfig.defaults(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .withStateDir(stateDir).withStatusPort(0);
        Map<String, Object> clientConfig = new HashMap<>(cluster.clientConfig());
        clientConfig.put("schema.registry.url", cluster.schemaRegistryUrl());
        String id = "sent-same-id";
        try (Gateway gateway = Gateway.start(config);
                UniworldClient client = new UniworldClient(clientConfig, Topics.local());
                ResultWatcher mine = client.watch(false);
                ResultWatcher byId = client.watch(false)) {
            gateway.awaitRunning(Duration.ofSeconds(60));

            // Given another producer's unreadable record under the id, then this client's request under it, which
            // the gateway refuses for a reason of its own (0 sampler steps)
            sendRaw(cluster, id, "not avro at all".getBytes(StandardCharsets.UTF_8));
            GenerationRequest request = RequestFactory.request(id, Task.GENERATE, "a red circle", List.of(),
                    GenerationParameters.newBuilder().setSteps(0).build(), null, null);
            List<SentRequest> sent = client.send(List.of(request));

            // Then the client's outcome is its own request's rejection
            Outcome outcome = first(() -> mine.pollFor(Duration.ofMillis(500), sent));
            assertEquals(ReasonCode.PARAMETER_OUT_OF_RANGE, outcome.rejection().getReason(), outcome.describe());
            assertEquals(sent.get(0).offset(), outcome.rejection().getOffset());

            // while by the id alone both records' rejections read as outcomes, the other record's first
            List<ReasonCode> reasons = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reasons.size() < 2 && System.nanoTime() < deadline) {
                byId.poll(Duration.ofMillis(500), Set.of(id)).forEach(o -> reasons.add(o.rejection().getReason()));
            }
            assertEquals(List.of(ReasonCode.UNDESERIALIZABLE, ReasonCode.PARAMETER_OUT_OF_RANGE), reasons);
        }
    }

    private static Outcome first(Supplier<List<Outcome>> poll) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Outcome> outcomes = poll.get();
            if (!outcomes.isEmpty()) {
                return outcomes.get(0);
            }
        }
        throw new AssertionError("no outcome within 30 s");
    }

    private static void sendRaw(TestCluster cluster, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cluster.clientConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value));
        }
    }
}
