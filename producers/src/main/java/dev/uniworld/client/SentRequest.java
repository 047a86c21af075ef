package dev.uniworld.client;

import java.util.Collection;

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
     * under the same id, a rejection of either counts.
     */
    static boolean isOutcomeOf(RequestRejected rejected, Collection<SentRequest> sent) {
        return rejected.getTopic() == null || sent.stream().anyMatch(s -> s.isNamedBy(rejected));
    }

    private boolean isNamedBy(RequestRejected rejected) {
        return requestId.equals(rejected.getRequestId()) && topic.equals(rejected.getTopic())
                && rejected.getPartition() != null && rejected.getPartition() == partition
                && rejected.getOffset() != null && rejected.getOffset() == offset;
    }
}
