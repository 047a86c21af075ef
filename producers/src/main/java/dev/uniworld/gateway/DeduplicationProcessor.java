package dev.uniworld.gateway;

import java.time.Duration;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.gateway.validation.Rejection;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets each request id through once per window. A repeat is turned into a DUPLICATE_REQUEST rejection (reported on
 * the rejected topic, never silently dropped) and leaves the first request's status untouched, whether or not the
 * repeat is valid itself. Only accepted requests are remembered: a corrected resubmission of a rejected request must
 * be able to run.
 */
final class DeduplicationProcessor implements FixedKeyProcessor<String, GatewayOutcome, GatewayOutcome> {

    static final String STORE = "dedup-store";

    private final Duration window;
    private FixedKeyProcessorContext<String, GatewayOutcome> context;
    private WindowStore<String, Long> seen;

    DeduplicationProcessor(Duration window) {
        this.window = window;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, GatewayOutcome> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, GatewayOutcome> record) {
        GatewayOutcome outcome = record.value();
        String id = outcome.request().getRequestId();
        // the window runs on this gateway's clock: a producer whose clock runs hours late would otherwise file its
        // request in a window the store has already expired, and a repeat of it would run twice
        long now = context.currentSystemTimeMs();
        // a repeat of an accepted request is a duplicate even when the repeat is invalid (say, past its deadline):
        // its rejection would otherwise give the running request a second outcome
        Long firstSeen = id == null || id.isEmpty() ? null : firstSeenWithinWindow(id, now);
        if (firstSeen != null) {
            String invalid = outcome.accepted() ? "" : "; the repeat is also invalid: " + outcome.rejection().message();
            Rejection duplicate = new Rejection(ReasonCode.DUPLICATE_REQUEST, "requestId", "requestId: '" + id
                    + "' was already accepted at " + java.time.Instant.ofEpochMilli(firstSeen)
                    + "; it runs once (deduplication window " + window + ")" + invalid);
            context.forward(record.withValue(outcome.rejectedAs(duplicate, true)));
            return;
        }
        if (outcome.accepted()) {
            seen.put(id, now, now);
        }
        context.forward(record);
    }

    private Long firstSeenWithinWindow(String id, long now) {
        try (WindowStoreIterator<Long> hits = seen.fetch(id, now - window.toMillis(), now + window.toMillis())) {
            return hits.hasNext() ? hits.next().value : null;
        }
    }
}
