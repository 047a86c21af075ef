package dev.uniworld.gateway.state;

/**
 * What {@code GET /requests/{id}} answers: the latest known state of a request.
 *
 * @param state ACCEPTED (waiting for or inside the pipeline), REJECTED, SUCCEEDED or FAILED
 */
public record RequestStatusView(String requestId, String batchId, String state, String task, String reason,
                                String message, long updatedAt) {
}
