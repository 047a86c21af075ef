package dev.uniworld.gateway;

import java.time.Instant;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.gateway.state.TrackingEvent;
import dev.uniworld.gateway.validation.Rejection;
import dev.uniworld.gateway.validation.RequestValidator;

/**
 * What the gateway decided for one record: accepted (with the request) or rejected (with the reason), plus where the
 * record came from so a rejection can be replayed. Passed between processors in memory only.
 *
 * @param duplicate true when the rejection is a repeated request id; duplicates do not change any status
 */
record GatewayOutcome(WiredRequest wired, Rejection rejection, boolean duplicate, String topic, int partition,
                      long offset, Instant at) {

    GenerationRequest request() {
        return wired.request();
    }

    boolean accepted() {
        return rejection == null;
    }

    GatewayOutcome rejectedAs(Rejection why, boolean isDuplicate) {
        return new GatewayOutcome(wired, why, isDuplicate, topic, partition, offset, at);
    }

    RequestRejected toRejected() {
        String id = request().getRequestId();
        return RequestRejected.newBuilder()
                .setRequestId(RequestValidator.isValidId(id) ? id : null) // what is too long to be an id stays out
                .setReason(rejection.reason())
                .setField(rejection.field())
                .setMessage(rejection.message())
                .setSource("gateway")
                .setPayloadSize(wired.wire().length)
                .setTopic(topic).setPartition(partition).setOffset(offset)
                .setRejectedAt(at)
                .build();
    }

    /** Whether the decision can be tracked: only a request id that validates can key the status store. */
    boolean trackable() {
        return RequestValidator.isValidId(request().getRequestId());
    }

    TrackingEvent toTracking() {
        GenerationRequest request = request();
        String batchId = RequestValidator.isValidId(request.getBatchId()) ? request.getBatchId() : null;
        return new TrackingEvent(request.getRequestId(), batchId, request.getBatchSize(),
                accepted() ? TrackingEvent.Kind.ACCEPTED : TrackingEvent.Kind.REJECTED,
                request.getTask() == null ? null : request.getTask().name(),
                accepted() ? null : rejection.reason().name(), accepted() ? null : rejection.message(),
                at.toEpochMilli());
    }
}
