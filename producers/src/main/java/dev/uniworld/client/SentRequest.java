package dev.uniworld.client;

import java.util.Set;

import dev.uniworld.events.RequestRejected;

/**
 * Where the broker put a request this client sent. A gateway rejection names the record it rejects (topic,
 * partition, offset), so a watcher can tell the rejection of this record from that of another record under the same
 * request id: another producer's record under a running request's id, unreadable or invalid, is rejected under that
 * id, and is no outcome of it.
 */
public record SentRequest(String requestId, String topic, int partition, long offset) {

    /**
     * Whether {@code rejected} is an outcome of one of {@code sent}: it names one of them, or no record at all (the
     * pipeline's rejections name none, and can only be about the request that ran). Where one call sent two records
     * under the same id, a rejection of either counts. A set, so that a batch's rejections each cost one lookup.
     */
    static boolean isOutcomeOf(RequestRejected rejected, Set<SentRequest> sent) {
        if (rejected.getTopic() == null) {
            return true;
        }
        return rejected.getRequestId() != null && rejected.getPartition() != null && rejected.getOffset() != null
                && sent.contains(new SentRequest(rejected.getRequestId(), rejected.getTopic(), rejected.getPartition(),
                        rejected.getOffset()));
    }
}
