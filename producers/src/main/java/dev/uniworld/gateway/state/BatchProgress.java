package dev.uniworld.gateway.state;

import java.time.Instant;

import dev.uniworld.events.BatchState;
import dev.uniworld.events.BatchStatus;

/**
 * Counts of one batch, kept in the batch store and answered by {@code GET /batches/{id}}.
 *
 * @param declaredTotal the batch size the requests declared; -1 while no request declared one
 * @param seen          distinct requests of the batch the gateway has seen
 * @param completed     set once, when every declared request has an outcome; a batch completes exactly once
 * @param updatedAt     the latest timestamp of the records that changed it
 * @param storedAt      the gateway's clock at its last change; the retention counts from it (0 in counts stored by an
 *                      earlier version, for which {@code updatedAt} counts)
 */
public record BatchProgress(String batchId, int declaredTotal, int seen, int succeeded, int failed,
                            boolean completed, long updatedAt, long storedAt) {

    /** Where the retention counts from: a record's own timestamp may be days old in a replayed backlog. */
    public long retainedFrom() {
        return storedAt > 0 ? storedAt : updatedAt;
    }

    /** The total reported to clients: the declared size, or what has been seen so far. */
    public int total() {
        return declaredTotal >= 0 ? declaredTotal : seen;
    }

    public String state() {
        if (!completed) {
            return BatchState.RUNNING.name();
        }
        return failed == 0 ? BatchState.COMPLETED.name() : BatchState.COMPLETED_WITH_FAILURES.name();
    }

    public BatchStatus toEvent() {
        return BatchStatus.newBuilder().setBatchId(batchId).setTotal(total()).setSucceeded(succeeded)
                .setFailed(failed).setState(BatchState.valueOf(state())).setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }
}
