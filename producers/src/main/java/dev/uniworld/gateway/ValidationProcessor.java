package dev.uniworld.gateway;

import java.time.Instant;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.gateway.validation.Rejection;
import dev.uniworld.gateway.validation.RequestValidator;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Validates each request and records where it came from (topic, partition, offset) for replay. */
final class ValidationProcessor implements FixedKeyProcessor<String, WiredRequest, GatewayOutcome> {

    private final RequestValidator validator;
    private FixedKeyProcessorContext<String, GatewayOutcome> context;

    ValidationProcessor(RequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, GatewayOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, WiredRequest> record) {
        WiredRequest wired = record.value();
        if (wired == null) {
            return; // a tombstone carries no request
        }
        GenerationRequest request = wired.request();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        // the deadline against this gateway's clock, not the producer's timestamp: a client whose clock runs late, or
        // a backlog read hours after it was written, must not pass a request its caller no longer waits for
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Rejection rejection = validator.validate(record.key(), request, now).orElse(null);
        RecordMetadata source = context.recordMetadata().orElse(null);
        context.forward(record.withValue(new GatewayOutcome(wired, rejection, false,
                source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), at)));
    }
}
