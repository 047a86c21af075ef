package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.schemas.registry.InMemorySchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroDeserializer;
import dev.uniworld.schemas.serde.AvroSerdeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class UndeserializableRequestHandlerTest {

    @Test
    void anUnreadableRecordBecomesARequestRejectedDeadLetterWithReplayCoordinates() {
        // Given the handler configured as Kafka Streams does, and a record without the wire-format header
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        UndeserializableRequestHandler handler = handler(registry);
        byte[] raw = "{\"requestId\":\"x\"}".getBytes();
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("uniworld.requests", 1, 42L,
                "req-7".getBytes(), raw);

        // When it handles the failure
        DeserializationExceptionHandler.Response response = handler.handleError(context("uniworld.requests"), record,
                new AvroSerdeException(AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, "Unknown magic byte 0x7b"));

        // Then processing resumes with one dead-letter record on the rejected topic
        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        assertEquals(1, response.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertEquals("uniworld.rejected", deadLetter.topic());
        assertArrayEquals(raw, deadLetter.headers().lastHeader("uniworld.raw.value").value(), "raw bytes kept");
        RequestRejected rejected = new AvroDeserializer<>(RequestRejected.class, registry)
                .deserialize(deadLetter.topic(), deadLetter.value());
        assertEquals(ReasonCode.UNDESERIALIZABLE, rejected.getReason());
        assertEquals("req-7", rejected.getRequestId());
        assertEquals("value", rejected.getField());
        assertEquals(raw.length, rejected.getPayloadSize());
        assertEquals("uniworld.requests", rejected.getTopic());
        assertEquals(1, rejected.getPartition());
        assertEquals(42L, rejected.getOffset());
        assertTrue(rejected.getMessage().contains("UNKNOWN_MAGIC_BYTE"), rejected.getMessage());
    }

    @Test
    void aRegistryOutageFailsTheThreadSoThatTheRequestIsReadAgainNotRejected() {
        UndeserializableRequestHandler handler = new UndeserializableRequestHandler();
        handler.configure(Map.of(UndeserializableRequestHandler.REGISTRY_CLIENT_CONFIG,
                new InMemorySchemaRegistryClient(), "schema.registry.url", "http://unused:1",
                UndeserializableRequestHandler.REGISTRY_RETRY_PAUSE_CONFIG, "300"));
        long start = System.nanoTime();
        DeserializationExceptionHandler.Response response = handler.handleError(context("uniworld.requests"),
                record("uniworld.requests", new byte[] {0, 0, 0, 0, 1}), new AvroSerdeException(
                        AvroSerdeException.Reason.REGISTRY_FAILURE, "registry unreachable"));
        assertEquals(DeserializationExceptionHandler.Result.FAIL, response.result());
        assertTrue(response.deadLetterQueueRecords().isEmpty());
        // the thread waits before it is replaced, so that an outage does not replace threads back to back
        assertTrue(System.nanoTime() - start >= 300_000_000L);
    }

    @Test
    void anUnreadableResultIsSkippedNotRejectedAsARequest() {
        DeserializationExceptionHandler.Response response = handler().handleError(context("uniworld.results"),
                record("uniworld.results", new byte[] {7}), new AvroSerdeException(
                        AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, "Unknown magic byte 0x07"));
        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        assertTrue(response.deadLetterQueueRecords().isEmpty());
    }

    @Test
    void aValueTooLargeForTheRejectedTopicIsNotAttached() {
        byte[] large = new byte[UndeserializableRequestHandler.MAX_RAW_VALUE_BYTES + 1];
        DeserializationExceptionHandler.Response response = handler().handleError(context("uniworld.requests"),
                record("uniworld.requests", large), new AvroSerdeException(
                        AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, "Unknown magic byte 0x00"));
        assertEquals(1, response.deadLetterQueueRecords().size());
        assertNull(response.deadLetterQueueRecords().get(0).headers().lastHeader("uniworld.raw.value"));
    }

    @Test
    void aKeyTooLongToBeARequestIdIsLeftOutOfTheRejection() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        UndeserializableRequestHandler handler = handler(registry);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("uniworld.requests", 1, 42L,
                new byte[1 << 20], new byte[] {7});
        DeserializationExceptionHandler.Response response = handler.handleError(context("uniworld.requests"),
                record, new AvroSerdeException(AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, "Unknown magic byte"));
        assertEquals(1, response.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertNull(deadLetter.key());
        RequestRejected rejected = new AvroDeserializer<>(RequestRejected.class, registry)
                .deserialize(deadLetter.topic(), deadLetter.value());
        assertNull(rejected.getRequestId());
    }

    private static UndeserializableRequestHandler handler() {
        return handler(new InMemorySchemaRegistryClient());
    }

    /** The handler configured as Kafka Streams does, with its registry. */
    private static UndeserializableRequestHandler handler(InMemorySchemaRegistryClient registry) {
        UndeserializableRequestHandler handler = new UndeserializableRequestHandler();
        handler.configure(Map.of(UndeserializableRequestHandler.REGISTRY_CLIENT_CONFIG, registry,
                "schema.registry.url", "http://unused:1"));
        return handler;
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 1, 42L, "req-7".getBytes(), value);
    }

    private static ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 1;
            }

            @Override
            public long offset() {
                return 42L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "requests";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 1);
            }

            @Override
            public long timestamp() {
                return TestRequests.NOW.toEpochMilli();
            }

            @Override
            public byte[] sourceRawKey() {
                return "req-7".getBytes();
            }

            @Override
            public byte[] sourceRawValue() {
                return "{\"requestId\":\"x\"}".getBytes();
            }
        };
    }
}
