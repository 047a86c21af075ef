package dev.uniworld.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.SampleEvents;
import dev.uniworld.schemas.registry.RegistryFixture;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static RegistryFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RegistryFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void headerIsMagicZeroThenBigEndianSchemaId() {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {9, 8});
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 9, 8}, framed);
        assertEquals(0x01020304, ConfluentWireFormat.schemaId(framed));
    }

    @Test
    void serializedBytesAreHeaderWithRegisteredIdPlusPlainAvroBinary() throws Exception {
        // Given a request and the plain Avro binary encoding of it, made independently of the codec
        GenerationRequest request = SampleEvents.request("wire-1");
        ByteArrayOutputStream expectedBody = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expectedBody, null);
        new SpecificDatumWriter<>(GenerationRequest.class).write(request, encoder);
        encoder.flush();

        try (RestSchemaRegistryClient client = fixture.newClient();
             AvroSerializer<GenerationRequest> serializer =
                     new AvroSerializer<>(GenerationRequest.class, client, SerdeSettings.defaults())) {
            // When it is serialized for topic "wire"
            byte[] bytes = serializer.serialize("wire", request);

            // Then: magic byte, the id registered under "wire-value" (big-endian), then exactly the Avro body
            int id = client.latest("wire-value").id();
            assertEquals(0, bytes[0]);
            assertEquals((byte) (id >>> 24), bytes[1]);
            assertEquals((byte) (id >>> 16), bytes[2]);
            assertEquals((byte) (id >>> 8), bytes[3]);
            assertEquals((byte) id, bytes[4]);
            assertArrayEquals(expectedBody.toByteArray(), Arrays.copyOfRange(bytes, 5, bytes.length));
        }
    }

    @Test
    void payloadsWithoutAValidHeaderAreRefusedWithAReason() {
        assertEquals(AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, assertThrows(AvroSerdeException.class,
                () -> ConfluentWireFormat.schemaId("{\"json\":true}".getBytes())).reason());
        assertEquals(AvroSerdeException.Reason.TRUNCATED, assertThrows(AvroSerdeException.class,
                () -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1})).reason());
        assertEquals(AvroSerdeException.Reason.TRUNCATED, assertThrows(AvroSerdeException.class,
                () -> ConfluentWireFormat.schemaId(new byte[0])).reason());
    }
}
