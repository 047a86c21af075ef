package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.Task;
import dev.uniworld.gateway.state.RequestStatusView;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * A pipeline upgraded before the gateway may write a result status the gateway does not know. The result must still
 * finish its request and count in its batch: skipped as unreadable, it would leave both running for ever.
 */
class NewerResultSchemaTest extends GatewayTopologyTest {

    @Test
    void aStatusANewerWriterAddedReadsAsFailedAndFinishesTheRequest() throws IOException {
        // Given an accepted batch member, and a results schema with one more status
        gateway.submit(TestRequests.generate("nr-1").setBatchId("nr").setBatchSize(1).build());
        Schema current = GenerationResult.getClassSchema();
        Schema newer = new Schema.Parser().parse(current.toString().replace("\"symbols\":[\"OK\",\"FAILED\"]",
                "\"symbols\":[\"OK\",\"FAILED\",\"PARTIAL\"]"));
        int newerId = gateway.registry.register(gateway.topics.results().name() + "-value", newer);

        // When the pipeline reports the request PARTIAL
        GenericRecord result = new GenericRecordBuilder(newer).set("requestId", "nr-1").set("batchId", "nr")
                .set("task", new GenericData.EnumSymbol(newer.getField("task").schema(), Task.GENERATE.name()))
                .set("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "PARTIAL"))
                .set("completedAt", Instant.parse("2026-06-01T12:00:05Z").toEpochMilli()).build();
        TestInputTopic<String, byte[]> results = gateway.driver.createInputTopic(gateway.topics.results().name(),
                new StringSerializer(), new ByteArraySerializer());
        results.pipeInput("nr-1", framed(newer, result, newerId), TestRequests.NOW);

        // Then the request is finished as FAILED and its batch completes
        RequestStatusView status = gateway.driver.<String, RequestStatusView>getKeyValueStore(
                RequestStatusProcessor.STORE).get("nr-1");
        assertEquals(ResultStatus.FAILED.name(), status.state());
        List<BatchStatus> batches = gateway.batches.readValuesToList();
        assertEquals(1, batches.get(batches.size() - 1).getFailed());
    }

    private static byte[] framed(Schema schema, GenericRecord record, int schemaId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return ConfluentWireFormat.frame(schemaId, body.toByteArray());
    }
}
