package dev.uniworld.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.gateway.validation.Rejection;
import dev.uniworld.gateway.validation.RequestValidator;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Validates each request and records where it came from (topic, partition, offset) for replay. */
final class ValidationProcessor implements FixedKeyProcessor<String, GenerationRequest, GatewayOutcome> {

    private final RequestValidator validator;
    private final SpecificDatumWriter<GenerationRequest> sizer = new SpecificDatumWriter<>(GenerationRequest.class);
    private FixedKeyProcessorContext<String, GatewayOutcome> context;

    ValidationProcessor(RequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, GatewayOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, GenerationRequest> record) {
        GenerationRequest request = record.value();
        if (request == null) {
            return; // a tombstone carries no request
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        // the deadline against this gateway's clock, not the producer's timestamp: a client whose clock runs late, or
        // a backlog read hours after it was written, must not pass a request its caller no longer waits for
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Rejection rejection = validator.validate(record.key(), request, now).orElse(null);
        RecordMetadata source = context.recordMetadata().orElse(null);
        context.forward(record.withValue(new GatewayOutcome(request, rejection, false,
                source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), payloadSize(request), at)));
    }

    /**
     * The record's size on the wire: the deserializer keeps no raw bytes, so the request is encoded again, which gives
     * the exact size for producers on the current schema and a close one for others.
     */
    private int payloadSize(GenerationRequest request) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            sizer.write(request, encoder);
            encoder.flush();
            return ConfluentWireFormat.HEADER_SIZE + out.size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
