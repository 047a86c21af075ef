package dev.uniworld.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.gateway.validation.RequestValidator;
import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroSerdeException;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.serde.SerdeSettings;
import dev.uniworld.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' dead-letter hook (KIP-1034) for records that cannot be read: instead of the raw bytes, the
 * dead-letter record is a {@link RequestRejected} (reason UNDESERIALIZABLE, the serde's own reason in the message,
 * the payload size and topic/partition/offset for replay) on the rejected topic, written in the same transaction
 * as the application's other output. The raw value rides along in a header (up to
 * {@value #MAX_RAW_VALUE_BYTES} bytes, so that the rejection fits the rejected topic's message limit).
 *
 * <p>Only the requests topic dead-letters: an unreadable record on another topic the gateway reads (results) is
 * logged and skipped, since it is no request to reject. A registry that cannot be reached fails the stream thread
 * instead, which is replaced and reads the record again from the last commit: the request is fine, and rejecting it
 * would lose it.
 */
public final class UndeserializableRequestHandler implements DeserializationExceptionHandler {

    /** Config key holding a {@link SchemaRegistryClient} instance (tests); else {@code schema.registry.url} is used. */
    public static final String REGISTRY_CLIENT_CONFIG = "uniworld.schema.registry.client";
    /** Config key naming the rejected topic (default {@link Topics#REJECTED}). */
    public static final String REJECTED_TOPIC_CONFIG = "uniworld.rejected.topic";
    /** Config key naming the requests topic, whose unreadable records are rejected ({@link Topics#REQUESTS}). */
    public static final String REQUESTS_TOPIC_CONFIG = "uniworld.requests.topic";
    /** Config key: milliseconds to wait before failing the thread over a registry failure (default 5000). */
    public static final String REGISTRY_RETRY_PAUSE_CONFIG = "uniworld.registry.retry.pause.ms";
    /** Largest raw value attached to a rejection: the rejected topic takes messages of up to 1 MiB. */
    static final int MAX_RAW_VALUE_BYTES = 512 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UndeserializableRequestHandler.class);

    private AvroSerializer<RequestRejected> serializer;
    private String rejectedTopic = Topics.REJECTED;
    private String requestsTopic = Topics.REQUESTS;
    /**
     * Each replacement of the thread rebalances the group and, under exactly-once, restores its tasks' stores from
     * their changelogs: waiting here keeps a registry outage from turning into replacements back to back.
     */
    private long registryRetryPauseMs = 5000;

    @Override
    public void configure(Map<String, ?> configs) {
        Object client = configs.get(REGISTRY_CLIENT_CONFIG);
        SchemaRegistryClient registry = client instanceof SchemaRegistryClient given ? given
                : new RestSchemaRegistryClient(RegistryClientConfig.fromMap(configs));
        serializer = new AvroSerializer<>(RequestRejected.class, registry, SerdeSettings.fromMap(configs));
        Object topic = configs.get(REJECTED_TOPIC_CONFIG);
        if (topic != null) {
            rejectedTopic = topic.toString();
        }
        Object requests = configs.get(REQUESTS_TOPIC_CONFIG);
        if (requests != null) {
            requestsTopic = requests.toString();
        }
        Object pause = configs.get(REGISTRY_RETRY_PAUSE_CONFIG);
        if (pause != null) {
            registryRetryPauseMs = Long.parseLong(pause.toString());
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        String detail = exception instanceof AvroSerdeException serde
                ? serde.reason() + ": " + serde.getMessage() : exception.getClass().getSimpleName() + ": "
                + exception.getMessage();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        int size = record.value() == null ? 0 : record.value().length;
        if (exception instanceof AvroSerdeException serde
                && serde.reason() == AvroSerdeException.Reason.REGISTRY_FAILURE) {
            LOG.error("Cannot read the record at {}-{}@{} while the schema registry fails; the thread is replaced and "
                    + "reads it again in {} ms: {}", context.topic(), context.partition(), context.offset(),
                    registryRetryPauseMs, detail);
            pause();
            return Response.fail();
        }
        LOG.warn("Undeserializable record at {}-{}@{} ({} bytes): {}", context.topic(), context.partition(),
                context.offset(), size, detail);
        if (!requestsTopic.equals(context.topic())) {
            return Response.resume(); // no request to reject
        }
        String requestId = RequestValidator.keyForRejection(key);
        RequestRejected rejected = RequestRejected.newBuilder()
                .setRequestId(requestId)
                .setReason(ReasonCode.UNDESERIALIZABLE)
                .setField("value")
                .setMessage("value: cannot be read as a GenerationRequest (" + detail + ")")
                .setSource("gateway")
                .setPayloadSize(size)
                .setTopic(context.topic()).setPartition(context.partition()).setOffset(context.offset())
                .setRejectedAt(Instant.ofEpochMilli(context.timestamp() > 0 ? context.timestamp()
                        : System.currentTimeMillis()))
                .build();
        RecordHeaders headers = new RecordHeaders();
        if (record.value() != null && size <= MAX_RAW_VALUE_BYTES) {
            headers.add("uniworld.raw.value", record.value());
        }
        byte[] value = serializer.serialize(rejectedTopic, rejected);
        byte[] rejectedKey = requestId == null ? null : record.key();
        return Response.resume(List.of(new ProducerRecord<>(rejectedTopic, null, rejectedKey, value, headers)));
    }

    private void pause() {
        try {
            Thread.sleep(registryRetryPauseMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the record is read again on the next start
        }
    }
}
