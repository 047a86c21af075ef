package dev.uniworld.pipeline.io;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.pipeline.config.KafkaSettings;
import dev.uniworld.schemas.serde.FlinkAvroSerializationSchema;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The production source and sinks: accepted requests in, results and rejections out, Avro with the registry. */
public final class KafkaConnectors {

    private KafkaConnectors() {
    }

    /**
     * Accepted requests, from the committed offsets of the job's group (the earliest offset for a new group). Reads
     * committed records only, since the gateway writes the accepted topic in Kafka transactions. Offsets are
     * committed on checkpoints, for monitoring; recovery uses the offsets in Flink's own checkpoint.
     */
    @SuppressWarnings("deprecation") // connector 5.0 still takes Kafka's deprecated OffsetResetStrategy
    public static KafkaSource<Either<GenerationRequest, UnreadableRequest>> source(KafkaSettings kafka) {
        return KafkaSource.<Either<GenerationRequest, UnreadableRequest>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.inputTopic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RequestDeserializer(registry(kafka)))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .build();
    }

    /** Results, exactly once: a Kafka transaction per checkpoint, committed when the checkpoint completes. */
    public static KafkaSink<GenerationResult> results(KafkaSettings kafka) {
        return sink(kafka, kafka.resultsTopic(), GenerationResult.class, new ResultKey(),
                kafka.transactionalIdPrefix() + "-results");
    }

    /** Pipeline rejections, in their own transactions (one id prefix per sink, or the two would fence each other). */
    public static KafkaSink<RequestRejected> rejected(KafkaSettings kafka) {
        return sink(kafka, kafka.rejectedTopic(), RequestRejected.class, new RejectedKey(),
                kafka.transactionalIdPrefix() + "-rejected");
    }

    private static <T extends SpecificRecord> KafkaSink<T> sink(KafkaSettings kafka, String topic, Class<T> type,
            SerializationSchema<T> key, String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(key)
                        .setValueSerializationSchema(new FlinkAvroSerializationSchema<>(type, topic, registry(kafka)))
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        String.valueOf(kafka.transactionTimeout().toMillis()))
                .setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024))
                .build();
    }

    private static Map<String, String> registry(KafkaSettings kafka) {
        return Map.of("schema.registry.url", kafka.schemaRegistryUrl());
    }

    /** Results are keyed by request id, like the request. */
    static final class ResultKey implements SerializationSchema<GenerationResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(GenerationResult element) {
            return element.getRequestId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Rejections are keyed by request id too. */
    static final class RejectedKey implements SerializationSchema<RequestRejected> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(RequestRejected element) {
            return element.getRequestId() == null ? null : element.getRequestId().getBytes(StandardCharsets.UTF_8);
        }
    }
}
