package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.uniworld.events.BatchState;
import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.schemas.serde.AvroDeserializer;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.Topics;
import dev.uniworld.testkit.ClusterTest;
import dev.uniworld.testkit.TestCluster;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as a real Kafka Streams application over a broker and registry. */
class GatewayIT {

    /** An id with a space, a plus and a slash, and how a path carries it. */
    private static final String BAD_ID = "it-bad 1+/x";
    private static final String BAD_ID_IN_A_PATH = "it-bad%201+%2Fx";

    @TempDir
    Path stateDir;

    @ClusterTest
    void validAndInvalidRequestsReachTheRightTopicsAndTheStatusEndpointAnswers(TestCluster cluster) throws Exception {
        TopicProvisioner.ensure(Map.of("bootstrap.servers", cluster.bootstrapServers()), Topics.local().all());
        GatewayConfig config = GatewayConfig.defaults(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .withStateDir(stateDir).withStatusPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            gateway.awaitRunning(Duration.ofSeconds(60));

            // Given two valid requests in a batch of three, one invalid request of that batch, and garbage
            send(cluster, Topics.REQUESTS, TestRequests.edit("it-ok-1").setBatchId("it-b").setBatchSize(3).build());
            send(cluster, Topics.REQUESTS, TestRequests.generate("it-ok-2").setBatchId("it-b").setBatchSize(3).build());
            send(cluster, Topics.REQUESTS, TestRequests.generate(BAD_ID).setBatchId("it-b").setBatchSize(3)
                    .setPrompt("").build());
            sendRaw(cluster, "it-garbage", "not avro at all".getBytes());

            // Then the valid ones are accepted and the others rejected with their reasons
            List<GenerationRequest> accepted = read(cluster, Topics.ACCEPTED, GenerationRequest.class, 2);
            assertEquals(List.of("it-ok-1", "it-ok-2"), accepted.stream().map(GenerationRequest::getRequestId).sorted()
                    .toList());
            // and the accepted topic's own subject names their schema (registered off the stream thread)
            waitFor(cluster.schemaRegistryUrl() + "/subjects", "\"" + Topics.ACCEPTED + "-value\"");
            List<RequestRejected> rejected = read(cluster, Topics.REJECTED, RequestRejected.class, 2);
            Map<String, ReasonCode> reasons = new HashMap<>();
            rejected.forEach(r -> reasons.put(r.getRequestId(), r.getReason()));
            assertEquals(Map.of(BAD_ID, ReasonCode.MISSING_PROMPT, "it-garbage", ReasonCode.UNDESERIALIZABLE),
                    reasons);

            // And the status endpoint answers for both kinds, and 404 for an unknown id
            assertEquals(200, waitForStatus(gateway, "/requests/it-ok-1", "\"ACCEPTED\"").statusCode());
            HttpResponse<String> bad = waitForStatus(gateway, "/requests/" + BAD_ID_IN_A_PATH, "\"REJECTED\"");
            assertTrue(bad.body().contains("MISSING_PROMPT"), bad.body());
            assertEquals(404, get(gateway, "/requests/never-sent").statusCode());

            // When the pipeline reports both accepted requests done, the batch completes
            for (String id : List.of("it-ok-1", "it-ok-2")) {
                send(cluster, Topics.RESULTS, GenerationResult.newBuilder().setRequestId(id).setBatchId("it-b")
                        .setTask(accepted.get(0).getTask()).setStatus(ResultStatus.OK)
                        .setCompletedAt(TestRequests.NOW).build());
            }
            HttpResponse<String> batch = waitForStatus(gateway, "/batches/it-b", "COMPLETED_WITH_FAILURES");
            assertTrue(batch.body().contains("\"succeeded\":2"), batch.body());
            List<BatchStatus> statuses = read(cluster, Topics.BATCHES, BatchStatus.class, 5);
            assertEquals(1, statuses.stream().filter(s -> s.getState() != BatchState.RUNNING).count());
        }
    }

    private static <T extends SpecificRecord> void send(TestCluster cluster, String topic, T value) {
        String key = value instanceof GenerationRequest r ? r.getRequestId()
                : ((GenerationResult) value).getRequestId();
        @SuppressWarnings("unchecked")
        AvroSerializer<T> serializer = new AvroSerializer<>((Class<T>) value.getClass());
        serializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(cluster.clientConfig(), new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    private static void sendRaw(TestCluster cluster, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cluster.clientConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value));
        }
    }

    private static <T extends SpecificRecord> List<T> read(TestCluster cluster, String topic, Class<T> type, int n) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-it-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
        deserializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (values.size() < n && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static HttpResponse<String> waitForStatus(Gateway gateway, String path, String expected) throws Exception {
        return waitFor(gateway.statusUrl() + path, expected);
    }

    /** GETs {@code url} until it answers 200 with a body that holds {@code expected}, for up to 30 s. */
    private static HttpResponse<String> waitFor(String url, String expected) throws Exception {
        Supplier<HttpResponse<String>> call = () -> get(url);
        HttpResponse<String> last = call.get();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!(last.statusCode() == 200 && last.body().contains(expected)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            last = call.get();
        }
        assertTrue(last.body().contains(expected), url + " -> " + last.statusCode() + " " + last.body());
        return last;
    }

    private static HttpResponse<String> get(Gateway gateway, String path) {
        return get(gateway.statusUrl() + path);
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
