package dev.uniworld.gateway;

import dev.uniworld.gateway.state.RequestStatusView;
import dev.uniworld.gateway.state.TrackingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest state of every request for {@code GET /requests/{id}}. A final state is never undone, but for a
 * gateway rejection followed by the corrected request accepted under the same id. A status unchanged for the
 * retention is deleted (checked every {@link #PRUNE_EVERY}), with a tombstone in the store's changelog.
 */
final class RequestStatusProcessor implements Processor<String, TrackingEvent, Void, Void> {

    static final String STORE = "request-status";
    /** How often statuses past the retention are looked for. */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Duration retention;
    private KeyValueStore<String, RequestStatusView> statuses;
    private ProcessorContext<Void, Void> context;

    RequestStatusProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        statuses = context.getStateStore(STORE);
        context.schedule(PRUNE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::prune);
    }

    @Override
    public void process(Record<String, TrackingEvent> record) {
        TrackingEvent event = record.value();
        RequestStatusView current = statuses.get(event.requestId());
        boolean resubmitted = current != null && "REJECTED".equals(current.state())
                && event.kind() == TrackingEvent.Kind.ACCEPTED;
        if (current != null && !"ACCEPTED".equals(current.state()) && !event.kind().terminal() && !resubmitted) {
            return; // an ACCEPTED that arrives after the result must not hide the result
        }
        statuses.put(event.requestId(), new RequestStatusView(event.requestId(), event.batchId(), event.kind().name(),
                event.task(), event.reason(), event.message(), event.at(), context.currentSystemTimeMs()));
    }

    private void prune(long now) {
        List<String> expired = new ArrayList<>();
        // deleted after the scan, not while its iterator is open
        try (KeyValueIterator<String, RequestStatusView> all = statuses.all()) {
            while (all.hasNext()) {
                KeyValue<String, RequestStatusView> entry = all.next();
                if (now - entry.value.retainedFrom() > retention.toMillis()) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(statuses::delete);
    }
}
