package dev.uniworld.gateway;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.gateway.state.BatchProgress;
import dev.uniworld.gateway.state.ExpiredEntries;
import dev.uniworld.gateway.state.TrackingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts the outcomes of each batch (records keyed by batch id) and emits its {@link BatchStatus} on every change.
 * Each request counts once: the members store remembers which requests of the batch were seen and which already
 * have their final outcome, so a replayed or repeated result cannot count twice and the batch completes once. When
 * members declare different sizes, the largest declared so far counts. A request the gateway rejected counts as failed
 * until it is sent again corrected and accepted under the same id while its batch is still running; it then counts
 * by its new outcome. A completed batch unchanged for the retention is deleted with its members, as
 * {@link RequestStatusProcessor} deletes statuses; one still running is kept {@link #RUNNING_RETENTION_FACTOR} times as
 * long, since its results may yet come (a pipeline stopped for days); a result for a batch no longer known is
 * ignored.
 */
final class BatchTracker implements Processor<String, TrackingEvent, String, BatchStatus> {

    static final String BATCHES_STORE = "batch-status";
    static final String MEMBERS_STORE = "batch-members";
    /** How many retentions a batch that has not completed is kept. */
    static final int RUNNING_RETENTION_FACTOR = 4;

    private final Duration retention;
    private ProcessorContext<String, BatchStatus> context;
    private KeyValueStore<String, BatchProgress> batches;
    private KeyValueStore<String, String> members;
    private ExpiredEntries<BatchProgress> expired;

    BatchTracker(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, BatchStatus> context) {
        this.context = context;
        this.batches = context.getStateStore(BATCHES_STORE);
        this.members = context.getStateStore(MEMBERS_STORE);
        this.expired = new ExpiredEntries<>(batches, (batch, now) -> now - batch.retainedFrom()
                > retention.toMillis() * (batch.completed() ? 1 : RUNNING_RETENTION_FACTOR),
                ExpiredEntries.SLICE_LOOKS_AT, ExpiredEntries.SLICE_DELETES);
        context.schedule(ExpiredEntries.SLICE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::prune);
    }

    @Override
    public void process(Record<String, TrackingEvent> record) {
        TrackingEvent event = record.value();
        String batchId = event.batchId();
        String memberKey = memberKey(batchId, event.requestId());
        String previous = previousOutcome(memberKey, batchId, event.requestId());
        // a request the gateway rejected may be sent again corrected under its id; accepted, it counts as running
        boolean resubmitted = "REJECTED".equals(previous) && event.kind() == TrackingEvent.Kind.ACCEPTED;
        if (previous != null && !"ACCEPTED".equals(previous) && !resubmitted) {
            return; // already final: nothing can change
        }
        if (previous != null && !event.kind().terminal() && !resubmitted) {
            return; // seen twice without an outcome yet
        }
        BatchProgress progress = batches.get(batchId);
        if (progress == null) {
            if (event.kind() == TrackingEvent.Kind.SUCCEEDED || event.kind() == TrackingEvent.Kind.FAILED) {
                // a batch starts with its members' acceptance, which the gateway writes before the pipeline can read
                // the request: a result for a batch not known is one deleted past its retention, and stays so
                return;
            }
            progress = new BatchProgress(batchId, -1, 0, 0, 0, false, 0, 0);
        }
        if (progress.completed()) {
            return; // a complete batch stays complete; late extras do not reopen it
        }
        // a size below 1 is refused by validation: it must not complete the batch before its members are counted
        int declared = event.batchSize() != null && event.batchSize() >= 1
                ? Math.max(progress.declaredTotal(), event.batchSize()) : progress.declaredTotal();
        int seen = progress.seen() + (previous == null ? 1 : 0);
        int succeeded = progress.succeeded() + (event.kind() == TrackingEvent.Kind.SUCCEEDED ? 1 : 0);
        int failed = progress.failed() + (event.kind().failure() ? 1 : 0) - (resubmitted ? 1 : 0);
        BatchProgress updated = new BatchProgress(batchId, declared, seen, succeeded, failed,
                declared >= 0 && succeeded + failed >= declared, Math.max(progress.updatedAt(), event.at()),
                context.currentSystemTimeMs());
        members.put(memberKey, event.kind().name());
        batches.put(batchId, updated);
        context.forward(new Record<>(batchId, updated.toEvent(), record.timestamp()));
    }

    /** Deletes expired batches with their members, at most {@link ExpiredEntries#SLICE_DELETES} entries. */
    private void prune(long now) {
        int budget = ExpiredEntries.SLICE_DELETES;
        for (String batchId : expired.nextSlice(now)) {
            List<String> memberKeys = new ArrayList<>();
            boolean more;
            // members stored before keys led with the batch id's length are not found here; they stay
            try (KeyValueIterator<String, String> batchMembers = members.prefixScan(memberKey(batchId, ""),
                    new StringSerializer())) {
                while (batchMembers.hasNext() && memberKeys.size() < budget) {
                    memberKeys.add(batchMembers.next().key);
                }
                more = batchMembers.hasNext();
            }
            memberKeys.forEach(members::delete); // after the scan, not while its iterator is open
            budget -= memberKeys.size();
            if (more || budget == 0) {
                return; // the batch itself goes last, so that the next pass finds the members it still has
            }
            batches.delete(batchId);
            budget--;
        }
    }

    /**
     * What the members store holds for the request. Entries written before keys led with the batch id's length are
     * found under their old key and moved, so that a batch running across an upgrade counts each request once.
     */
    private String previousOutcome(String memberKey, String batchId, String requestId) {
        String previous = members.get(memberKey);
        if (previous == null) {
            String legacyKey = batchId + "/" + requestId;
            previous = members.delete(legacyKey);
            if (previous != null) {
                members.put(memberKey, previous);
            }
        }
        return previous;
    }

    /**
     * The members store's key for a request of a batch. The batch id's length leads, so that ids holding the separator
     * cannot collide: batch {@code a/b} with request {@code c} is {@code 3:a/b/c}, batch {@code a} with request
     * {@code b/c} is {@code 1:a/b/c}.
     */
    static String memberKey(String batchId, String requestId) {
        return batchId.length() + ":" + batchId + "/" + requestId;
    }
}
