package dev.uniworld.pipeline.local;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the pipeline's output from the beginning with {@code read_committed}, as every consumer of
 * exactly-once results must: records of aborted or still-open transactions are never returned.
 */
public final class ResultReader<T extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;

    public ResultReader(String bootstrapServers, String schemaRegistryUrl, String topic, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "result-reader-" + java.util.UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        AvroDeserializer<T> values = new AvroDeserializer<>(type);
        values.configure(Map.of("schema.registry.url", schemaRegistryUrl), false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
    }

    /** Results for the pipeline's results topic. */
    public static ResultReader<GenerationResult> results(String bootstrap, String registry, String topic) {
        return new ResultReader<>(bootstrap, registry, topic, GenerationResult.class);
    }

    /**
     * Polls until records with every key in {@code expectedKeys} were seen, handing each record to {@code sink} as it
     * arrives; returns everything read (duplicates included, so callers can check there are none).
     */
    public List<T> readUntil(Set<String> expectedKeys, Duration timeout, Consumer<T> sink)
            throws TimeoutException {
        List<T> all = new ArrayList<>();
        Set<String> missing = new java.util.HashSet<>(expectedKeys);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(missing.size() + " of " + expectedKeys.size() + " keys not seen within "
                        + timeout + ", e.g. " + missing.stream().limit(5).toList());
            }
            for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(500))) {
                all.add(record.value());
                missing.remove(record.key());
                sink.accept(record.value());
            }
        }
        return all;
    }

    /** Whatever arrives within {@code window}: to check that nothing more (no duplicate) comes. */
    public List<T> drain(Duration window) {
        List<T> all = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(250)).forEach(r -> all.add(r.value()));
        }
        return all;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
