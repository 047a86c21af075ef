package dev.uniworld.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.SampleEvents;
import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RegistryFixture;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of unreadable payload ends in one exception type with a specific reason, never an NPE or AIOOBE. */
class BadInputTest {

    private static RegistryFixture fixture;
    private static RestSchemaRegistryClient client;
    private static AvroDeserializer<GenerationRequest> deserializer;
    private static byte[] valid;

    @BeforeAll
    static void start() {
        fixture = new RegistryFixture();
        client = fixture.newClient();
        deserializer = new AvroDeserializer<>(GenerationRequest.class, client);
        valid = new AvroSerializer<>(GenerationRequest.class, client, SerdeSettings.defaults())
                .serialize("bad-input", SampleEvents.request("ok"));
    }

    @AfterAll
    static void stop() {
        client.close();
        fixture.close();
    }

    private static AvroSerdeException.Reason reasonFor(byte[] payload) {
        AvroSerdeException e = assertThrows(AvroSerdeException.class, () -> deserializer.deserialize("t", payload));
        assertTrue(e instanceof SerializationException, "Kafka's handlers must recognise it");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e.reason();
    }

    @Test
    void bytesWithoutTheMagicByte() {
        assertEquals(AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, reasonFor("{\"requestId\":\"x\"}".getBytes()));
    }

    @Test
    void anUnknownSchemaId() {
        byte[] payload = valid.clone();
        payload[1] = 0x7f; // id 0x7f______: never registered
        AvroSerdeException.Reason reason = reasonFor(payload);
        assertEquals(AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID, reason);
    }

    @Test
    void truncatedAvro() {
        for (int cut : new int[] {6, 10, valid.length / 2, valid.length - 1}) {
            byte[] payload = Arrays.copyOf(valid, cut);
            AvroSerdeException.Reason reason = reasonFor(payload);
            assertTrue(reason == AvroSerdeException.Reason.TRUNCATED
                    || reason == AvroSerdeException.Reason.MALFORMED_AVRO,
                    "cut at " + cut + " gave " + reason);
        }
        assertEquals(AvroSerdeException.Reason.TRUNCATED, reasonFor(Arrays.copyOf(valid, 3)));
    }

    @Test
    void trailingBytesAfterTheRecord() {
        byte[] payload = Arrays.copyOf(valid, valid.length + 3);
        assertEquals(AvroSerdeException.Reason.MALFORMED_AVRO, reasonFor(payload));
    }

    @Test
    void garbageBodyAfterAValidHeader() {
        byte[] payload = Arrays.copyOf(valid, 5 + 64);
        Arrays.fill(payload, 5, payload.length, (byte) 0xff);
        AvroSerdeException.Reason reason = reasonFor(payload);
        assertTrue(reason == AvroSerdeException.Reason.MALFORMED_AVRO || reason == AvroSerdeException.Reason.TRUNCATED,
                "gave " + reason);
    }

    @Test
    void dataOfAnotherTypeUnderAKnownId() {
        byte[] batch = new AvroSerializer<>(BatchStatus.class, client, SerdeSettings.defaults())
                .serialize("bad-batches", SampleEvents.batch("b"));
        assertEquals(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA, reasonFor(batch));
    }

    @Test
    void anUnreachableRegistry() {
        try (AvroDeserializer<GenerationRequest> offline = new AvroDeserializer<>(GenerationRequest.class)) {
            offline.configure(Map.of(RegistryClientConfig.URL, "http://127.0.0.1:1"), false);
            AvroSerdeException e = assertThrows(AvroSerdeException.class, () -> offline.deserialize("t", valid));
            assertEquals(AvroSerdeException.Reason.REGISTRY_FAILURE, e.reason());
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        }
    }

    @Test
    void aRecordWithAMissingRequiredFieldCannotBeSerialized() {
        GenerationRequest broken = SampleEvents.request("x");
        broken.setPrompt(null);
        AvroSerdeException e = assertThrows(AvroSerdeException.class, () ->
                new AvroSerializer<>(GenerationRequest.class, client, SerdeSettings.defaults()).serialize("t", broken));
        assertEquals(AvroSerdeException.Reason.UNSERIALIZABLE_RECORD, e.reason());
    }
}
