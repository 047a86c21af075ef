package dev.uniworld.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.gateway.validation.Rejection;
import dev.uniworld.gateway.validation.RequestValidator;
import dev.uniworld.schemas.topics.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Validates each request and records where it came from (topic, partition, offset) for replay. */
final class ValidationProcessor implements FixedKeyProcessor<String, WiredRequest, GatewayOutcome> {

    /**
     * Largest request the accepted topic takes: its record limit less room for the record's framing. A producer that
     * compresses can put a larger request on the requests topic; written to the accepted topic, it would fail on every
     * retry and stop its partition.
     */
    static final int MAX_ACCEPTED_RECORD_BYTES = Topics.MAX_MESSAGE_BYTES - 64 * 1024;
    /** Most bytes a record header takes beyond its key and value: two varint lengths. */
    private static final int HEADER_FRAMING_BYTES = 10;

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
        if (rejection == null) {
            rejection = oversized(record);
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        context.forward(record.withValue(new GatewayOutcome(wired, rejection, false,
                source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), at)));
    }

    private static Rejection oversized(FixedKeyRecord<String, WiredRequest> record) {
        long headerBytes = 0;
        for (Header header : record.headers()) {
            // the key's UTF-8 bytes and the value's, each after a length of at most 5 bytes
            headerBytes += HEADER_FRAMING_BYTES + header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        long bytes = record.value().wire().length + headerBytes
                + (record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length);
        if (bytes <= MAX_ACCEPTED_RECORD_BYTES) {
            return null;
        }
        String size = "the record is " + bytes + " bytes (" + headerBytes + " of them headers), more than the "
                + MAX_ACCEPTED_RECORD_BYTES + " an accepted request may take";
        if (bytes - headerBytes <= MAX_ACCEPTED_RECORD_BYTES) { // the request alone would fit
            return new Rejection(ReasonCode.PARAMETER_OUT_OF_RANGE, "headers", "headers: " + size
                    + "; send fewer or smaller headers");
        }
        boolean inlineImages = record.value().request().getImages().stream().anyMatch(ref -> ref.getInline() != null);
        if (inlineImages) { // validated, the prompt and parameters are small: the images make it this large
            return new Rejection(ReasonCode.IMAGE_TOO_LARGE, "images", "images: " + size
                    + "; send large images by uri");
        }
        // fields a newer writer added, which this gateway passes on without knowing them
        return new Rejection(ReasonCode.PARAMETER_OUT_OF_RANGE, "value", "value: " + size);
    }
}
