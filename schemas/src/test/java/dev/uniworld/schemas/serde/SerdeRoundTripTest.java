package dev.uniworld.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.stream.Stream;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.schemas.SampleEvents;
import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RegistryFixture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SerdeRoundTripTest {

    private static RegistryFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RegistryFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<Arguments> everySchema() {
        return Stream.of(
                Arguments.of(GenerationRequest.class, SampleEvents.request("r-1")),
                Arguments.of(GenerationRequest.class, SampleEvents.minimalRequest("r-2")),
                Arguments.of(GenerationResult.class, SampleEvents.okResult("r-1")),
                Arguments.of(GenerationResult.class, SampleEvents.failedResult("r-3")),
                Arguments.of(RequestRejected.class, SampleEvents.rejected("r-4")),
                Arguments.of(BatchStatus.class, SampleEvents.batch("b-1")));
    }

    @ParameterizedTest
    @MethodSource("everySchema")
    <T extends SpecificRecord> void kafkaSerdesConfiguredLikeConfluentsRoundTrip(Class<T> type, T event) {
        Map<String, String> config = Map.of(RegistryClientConfig.URL, fixture.url());
        try (AvroSerializer<T> serializer = new AvroSerializer<>(type);
             AvroDeserializer<T> deserializer = new AvroDeserializer<>(type)) {
            serializer.configure(config, false);
            deserializer.configure(config, false);
            byte[] bytes = serializer.serialize("round-trip-" + type.getSimpleName(), event);
            assertEquals(event, deserializer.deserialize("round-trip-" + type.getSimpleName(), bytes));
        }
    }

    @ParameterizedTest
    @MethodSource("everySchema")
    <T extends SpecificRecord> void flinkSchemasRoundTripAndInteroperateWithKafkaSerdes(Class<T> type, T event)
            throws Exception {
        Map<String, String> config = Map.of(RegistryClientConfig.URL, fixture.url());
        String topic = "flink-" + type.getSimpleName();
        FlinkAvroSerializationSchema<T> flinkOut = new FlinkAvroSerializationSchema<>(type, topic, config);
        FlinkAvroDeserializationSchema<T> flinkIn = new FlinkAvroDeserializationSchema<>(type, config);
        flinkOut.open(null);
        flinkIn.open(null);
        byte[] bytes = flinkOut.serialize(event);
        assertEquals(event, flinkIn.deserialize(bytes));
        try (AvroDeserializer<T> kafkaIn = new AvroDeserializer<>(type)) {
            kafkaIn.configure(config, false);
            assertEquals(event, kafkaIn.deserialize(topic, bytes));
        }
    }

    @Test
    void flinkProducedTypeIsAvrosOwnNotKryo() {
        FlinkAvroDeserializationSchema<GenerationRequest> schema = new FlinkAvroDeserializationSchema<>(
                GenerationRequest.class, Map.of(RegistryClientConfig.URL, "http://localhost:1"));
        TypeInformation<GenerationRequest> type = schema.getProducedType();
        assertEquals("AvroTypeInfo", type.getClass().getSimpleName(), "flink-avro must be used for Avro records");
    }

    @Test
    void nullIsATombstoneBothWays() {
        try (AvroSerializer<BatchStatus> serializer = new AvroSerializer<>(BatchStatus.class);
             AvroDeserializer<BatchStatus> deserializer = new AvroDeserializer<>(BatchStatus.class)) {
            Map<String, String> config = Map.of(RegistryClientConfig.URL, fixture.url());
            serializer.configure(config, false);
            deserializer.configure(config, false);
            assertNull(serializer.serialize("tombstones", null));
            assertNull(deserializer.deserialize("tombstones", null));
        }
    }
}
