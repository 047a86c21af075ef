package dev.uniworld.gateway.state;

/**
 * What {@code GET /requests/{id}} answers: the latest known state of a request.
 *
 * @param state     ACCEPTED (waiting for or inside the pipeline), REJECTED, SUCCEEDED or FAILED
 * @param updatedAt when the event that set the state happened, by its record's timestamp
 * @param storedAt  the gateway's clock when it stored the state; the retention counts from it (0 in a state stored by
 *                  an earlier version, for which {@code updatedAt} counts)
 */
public record RequestStatusView(String requestId, String batchId, String state, String task, String reason,
                                String message, long updatedAt, long storedAt) {

    /** Where the retention counts from: a record's own timestamp may be days old in a replayed backlog. */
    public long retainedFrom() {
        return storedAt > 0 ? storedAt : updatedAt;
    }
}
