package dev.uniworld.pipeline;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.pipeline.config.KafkaSettings;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.TopicSpec;
import dev.uniworld.testkit.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One isolated pipeline run on a test cluster: its own topics, group and transactional ids. */
final class PipelineRun {

    final String input;
    final String results;
    final String rejected;
    final PipelineConfig config;
    private final TestCluster cluster;

    PipelineRun(TestCluster cluster, String name) {
        this.cluster = cluster;
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        input = run + ".accepted";
        results = run + ".results";
        rejected = run + ".rejected";
        TopicProvisioner.ensure(Map.of("bootstrap.servers", cluster.bootstrapServers()), List.of(
                new TopicSpec(input, 2, (short) 1, Map.of()), new TopicSpec(results, 2, (short) 1, Map.of()),
                new TopicSpec(rejected, 2, (short) 1, Map.of())));
        KafkaSettings kafka = KafkaSettings.defaults()
                .withEndpoints(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .withTopics(input, results, rejected, run, run);
        // a checkpoint directory that does not exist: the seeded tiny model, the same in every run
        ModelSettings model = ModelSettings.defaults().withCheckpointDir("target/no-checkpoint").withDefaultSteps(2);
        config = PipelineConfig.defaults().withKafka(kafka).withModel(model).withParallelism(2)
                .withCheckpointing(Duration.ofSeconds(1), 5, Duration.ofMillis(500));
    }

    /** Writes {@code value} (null: a tombstone) as it is, as a producer that skips the gateway could. */
    void produceRaw(String key, byte[] value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(input, key, value));
        }
    }

    void produce(List<GenerationRequest> requests) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        AvroSerializer<GenerationRequest> values = new AvroSerializer<>(GenerationRequest.class);
        values.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        try (KafkaProducer<String, GenerationRequest> producer = new KafkaProducer<>(props, new StringSerializer(),
                values)) {
            for (GenerationRequest request : requests) {
                producer.send(new ProducerRecord<>(input, request.getRequestId(), request));
            }
        }
    }
}
