package dev.uniworld.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads results and rejections (committed records only) from the moment it is opened, so a request sent after
 * opening cannot be missed. It joins no consumer group: every watcher sees every record.
 */
public final class ResultWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String resultsTopic;
    private final AvroDeserializer<GenerationResult> results;
    private final AvroDeserializer<RequestRejected> rejections;

    ResultWatcher(Map<String, Object> clientConfig, String resultsTopic, String rejectedTopic,
                  SchemaRegistryClient registry, boolean fromBeginning) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.resultsTopic = resultsTopic;
        this.results = new AvroDeserializer<>(GenerationResult.class, registry);
        this.rejections = new AvroDeserializer<>(RequestRejected.class, registry);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(resultsTopic, rejectedTopic)) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(15))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve "end" now, before any request is sent
        }
    }

    /**
     * Outcomes of the requests this client sent that arrived within {@code timeout}. Unlike {@link #poll(Duration,
     * Set)} it leaves out the gateway's rejections of other records under the same ids (another producer's repeat of
     * a running request, unreadable or invalid, is rejected under that request's id).
     */
    public List<Outcome> pollFor(Duration timeout, Collection<SentRequest> sent) {
        Set<SentRequest> records = Set.copyOf(sent);
        Set<String> ids = sent.stream().map(SentRequest::requestId).collect(Collectors.toSet());
        return poll(timeout, ids).stream()
                .filter(outcome -> outcome.rejection() == null || SentRequest.isOutcomeOf(outcome.rejection(), records))
                .toList();
    }

    /**
     * Outcomes that arrived within {@code timeout}, optionally only for {@code ids}, whoever sent the records. A
     * DUPLICATE_REQUEST report is not an outcome: the first copy of that request is still running and will end with
     * its own result.
     */
    public List<Outcome> poll(Duration timeout, Set<String> ids) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                continue;
            }
            Outcome outcome;
            if (record.topic().equals(resultsTopic)) {
                GenerationResult result = results.deserialize(record.topic(), record.value());
                outcome = new Outcome(result.getRequestId(), result, null);
            } else {
                RequestRejected rejected = rejections.deserialize(record.topic(), record.value());
                if (rejected.getReason() == ReasonCode.DUPLICATE_REQUEST || rejected.getRequestId() == null) {
                    continue;
                }
                outcome = new Outcome(rejected.getRequestId(), null, rejected);
            }
            if (ids == null || ids.contains(outcome.requestId())) {
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
