package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * A producer on a newer schema than the gateway's (one added field, with a default, as the BACKWARD rule allows): the
 * gateway validates what it knows and passes the record on as it was written, so a pipeline that knows the new field
 * reads it.
 */
class NewerWriterSchemaTest extends GatewayTopologyTest {

    private final Schema current = GenerationRequest.getClassSchema();
    private final Schema newer = withCostCentre(current);

    @Test
    void anAcceptedRequestKeepsTheFieldsItsNewerWriterAdded() throws IOException {
        // Given a valid request written with the newer schema, cost centre "acme"
        int newerId = gateway.registry.register(gateway.topics.requests().name() + "-value", newer);
        byte[] written = writtenWithNewerSchema(TestRequests.generate("newer-1").build(), newerId);

        // When the gateway reads it
        TestOutputTopic<String, byte[]> accepted = gateway.driver.createOutputTopic(
                gateway.topics.accepted().name(), new StringDeserializer(), new ByteArrayDeserializer());
        gateway.rawRequests.pipeInput("newer-1", written, TestRequests.NOW);

        // Then the accepted topic holds the very bytes, so a reader on the newer schema finds the field
        byte[] passed = accepted.readValue();
        assertTrue(Arrays.equals(written, passed), "passed on as written");
        assertEquals(newerId, ConfluentWireFormat.schemaId(passed));
        GenericRecord read = new GenericDatumReader<GenericRecord>(newer).read(null, DecoderFactory.get()
                .binaryDecoder(passed, ConfluentWireFormat.HEADER_SIZE, passed.length - ConfluentWireFormat.HEADER_SIZE,
                        null));
        assertEquals("newer-1", read.get("requestId").toString());
        assertEquals("acme", read.get("costCentre").toString());
    }

    @Test
    void aRejectionReportsTheSizeTheProducerWrote() throws IOException {
        int newerId = gateway.registry.register(gateway.topics.requests().name() + "-value", newer);
        byte[] written = writtenWithNewerSchema(TestRequests.generate("newer-2").setPrompt(" ").build(), newerId);

        gateway.rawRequests.pipeInput("newer-2", written, TestRequests.NOW);

        RequestRejected rejected = gateway.rejected.readValue();
        assertEquals(ReasonCode.MISSING_PROMPT, rejected.getReason());
        assertEquals(written.length, rejected.getPayloadSize());
    }

    /** The request's fields in the newer schema, cost centre "acme", framed with the newer schema's id. */
    private byte[] writtenWithNewerSchema(GenerationRequest request, int newerId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<>(GenerationRequest.class).write(request, encoder);
        encoder.flush();
        GenericRecord asNewer = new GenericDatumReader<GenericRecord>(current, newer)
                .read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        asNewer.put("costCentre", "acme");
        ByteArrayOutputStream newerBody = new ByteArrayOutputStream();
        encoder = EncoderFactory.get().binaryEncoder(newerBody, null);
        new GenericDatumWriter<GenericRecord>(newer, GenericData.get()).write(asNewer, encoder);
        encoder.flush();
        return ConfluentWireFormat.frame(newerId, newerBody.toByteArray());
    }

    /** The current request schema plus a string field {@code costCentre} with default "none". */
    private static Schema withCostCentre(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("costCentre", Schema.create(Schema.Type.STRING), "Where the request is billed.",
                "none"));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
