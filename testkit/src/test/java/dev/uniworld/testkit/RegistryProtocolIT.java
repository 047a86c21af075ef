package dev.uniworld.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.Task;
import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import dev.uniworld.schemas.registry.SchemaRegistryException;
import dev.uniworld.schemas.serde.AvroDeserializer;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.serde.SerdeSettings;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.TopicSpec;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The registry client and serdes against whichever registry and broker the backend provides. */
class RegistryProtocolIT {

    @ClusterTest
    void registryClientSpeaksTheProtocol(TestCluster cluster) {
        String subject = "protocol-" + UUID.randomUUID() + "-value";
        Schema v1 = SchemaBuilder.record("Protocol").fields().requiredString("id").endRecord();
        Schema v2 = SchemaBuilder.record("Protocol").fields().requiredString("id")
                .name("n").type().intType().intDefault(0).endRecord();
        Schema broken = SchemaBuilder.record("Protocol").fields().requiredString("id").requiredLong("x").endRecord();
        try (RestSchemaRegistryClient client =
                     new RestSchemaRegistryClient(RegistryClientConfig.of(cluster.schemaRegistryUrl()))) {
            int id = client.register(subject, v1);
            assertEquals(id, client.register(subject, v1));
            assertEquals(v1, client.schemaById(id));
            assertTrue(client.isCompatible(subject, v2));
            assertFalse(client.isCompatible(subject, broken));
            assertEquals(409, assertThrows(SchemaRegistryException.class, () -> client.register(subject, broken))
                    .httpStatus());
            client.register(subject, v2);
            assertEquals(2, client.latest(subject).version());
            assertEquals(40403, assertThrows(SchemaRegistryException.class,
                    () -> client.schemaById(Integer.MAX_VALUE - 1)).errorCode());
            assertEquals(40401, assertThrows(SchemaRegistryException.class,
                    () -> client.latest("absent-" + UUID.randomUUID())).errorCode());
        }
    }

    @ClusterTest
    void eventsCrossTheBrokerInTheWireFormat(TestCluster cluster) {
        String topic = "protocol-requests-" + UUID.randomUUID();
        TopicProvisioner.ensure(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                List.of(new TopicSpec(topic, 1, (short) 1, Map.of())));
        Map<String, Object> config = cluster.clientConfig();
        List<GenerationRequest> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(GenerationRequest.newBuilder().setRequestId("req-" + i).setTask(Task.GENERATE)
                    .setPrompt("a red circle " + i).setParameters(GenerationParameters.newBuilder().build())
                    .setSubmittedAt(Instant.now()).build());
        }
        AvroSerializer<GenerationRequest> serializer = new AvroSerializer<>(GenerationRequest.class);
        serializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl(),
                SerdeSettings.AUTO_REGISTER, "true"), false);
        try (KafkaProducer<String, GenerationRequest> producer =
                     new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            for (GenerationRequest request : sent) {
                producer.send(new ProducerRecord<>(topic, request.getRequestId(), request));
            }
        }
        Map<String, Object> consumerConfig = new java.util.HashMap<>(config);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "protocol-it");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroDeserializer<GenerationRequest> deserializer = new AvroDeserializer<>(GenerationRequest.class);
        deserializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        List<GenerationRequest> received = new ArrayList<>();
        try (KafkaConsumer<String, GenerationRequest> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < sent.size() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
            }
        }
        assertEquals(sent, received);
    }
}
