package dev.uniworld.gateway.state;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ResultStatus;

/**
 * Something that happened to a request, as the gateway tracks it: accepted or rejected by the gateway, succeeded or
 * failed in the pipeline. Repartitioned by request id (status store) and by batch id (batch store).
 *
 * @param batchSize the batch's declared size, when the request carried one
 * @param reason    reason code of a rejection or failure, else null
 */
public record TrackingEvent(String requestId, String batchId, Integer batchSize, Kind kind, String task,
                            String reason, String message, long at) {

    /** What happened. */
    public enum Kind {
        ACCEPTED, REJECTED, SUCCEEDED, FAILED;

        /** Whether the request has its final outcome. */
        public boolean terminal() {
            return this != ACCEPTED;
        }

        public boolean failure() {
            return this == REJECTED || this == FAILED;
        }
    }

    public static TrackingEvent of(GenerationResult result) {
        boolean ok = result.getStatus() == ResultStatus.OK;
        return new TrackingEvent(result.getRequestId(), result.getBatchId(), null,
                ok ? Kind.SUCCEEDED : Kind.FAILED, result.getTask().name(),
                ok || result.getError() == null ? null : result.getError().getCode().name(),
                ok || result.getError() == null ? null : result.getError().getMessage(),
                result.getCompletedAt().toEpochMilli());
    }
}
