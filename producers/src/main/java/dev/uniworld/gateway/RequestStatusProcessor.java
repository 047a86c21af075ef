package dev.uniworld.gateway;

import dev.uniworld.gateway.state.ExpiredEntries;
import dev.uniworld.gateway.state.RequestStatusView;
import dev.uniworld.gateway.state.TrackingEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest state of every request for {@code GET /requests/{id}}. A final state is never undone, but for a
 * gateway rejection followed by the corrected request accepted under the same id. A status unchanged for the
 * retention is deleted, with a tombstone in the store's changelog, a slice of the store at a time
 * ({@link ExpiredEntries}).
 */
final class RequestStatusProcessor implements Processor<String, TrackingEvent, Void, Void> {

    static final String STORE = "request-status";

    private final Duration retention;
    private KeyValueStore<String, RequestStatusView> statuses;
    private ExpiredEntries<RequestStatusView> expired;
    private ProcessorContext<Void, Void> context;

    RequestStatusProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        statuses = context.getStateStore(STORE);
        expired = new ExpiredEntries<>(statuses, (status, now) -> now - status.retainedFrom() > retention.toMillis(),
                ExpiredEntries.SLICE_LOOKS_AT, ExpiredEntries.SLICE_DELETES);
        context.schedule(ExpiredEntries.SLICE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::prune);
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
        expired.nextSlice(now).forEach(statuses::delete);
    }
}
