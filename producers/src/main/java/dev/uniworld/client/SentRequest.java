package dev.uniworld.client;

import java.util.Collection;
import java.util.List;

import dev.uniworld.events.RequestRejected;

/**
 * Where the broker put a request this client sent. A gateway rejection names the record it rejects (topic,
 * partition, offset), so a watcher can tell the rejection of this record from that of another producer's record under
 * the same request id: an unreadable or invalid repeat of a running request is rejected under the running request's
 * id, and is no outcome of it.
 */
public record SentRequest(String requestId, String topic, int partition, long offset) {

    /**
     * Whether {@code rejected} is an outcome of one of {@code sent}: it names one of them, or no record of the topic
     * they went to (the pipeline's rejections name none, and can only be about the request that ran).
     */
    static boolean isOutcomeOf(RequestRejected rejected, Collection<SentRequest> sent) {
        List<SentRequest> sameId = sent.stream().filter(s -> s.requestId().equals(rejected.getRequestId())).toList();
        boolean namesTheirTopic = sameId.stream().anyMatch(s -> s.topic().equals(rejected.getTopic()));
        return !namesTheirTopic || sameId.stream().anyMatch(s -> s.isNamedBy(rejected));
    }

    private boolean isNamedBy(RequestRejected rejected) {
        return topic.equals(rejected.getTopic()) && rejected.getPartition() != null
                && rejected.getPartition() == partition && rejected.getOffset() != null
                && rejected.getOffset() == offset;
    }
}
