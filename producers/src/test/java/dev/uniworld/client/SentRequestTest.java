package dev.uniworld.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import org.junit.jupiter.api.Test;

/** Which rejections are the outcome of a request this client sent. */
class SentRequestTest {

    private static final Set<SentRequest> SENT = Set.of(new SentRequest("r1", "uniworld.requests", 2, 40));

    @Test
    void aRejectionNamingTheSentRecordIsItsOutcome() {
        assertTrue(SentRequest.isOutcomeOf(rejection("r1", "uniworld.requests", 2, 40L), SENT));
    }

    @Test
    void aRejectionNamingNoRecordIsTheOutcome() {
        assertTrue(SentRequest.isOutcomeOf(rejection("r1", null, null, null), SENT), "the pipeline names none");
    }

    @Test
    void aRejectionOfAnotherRecordUnderTheSameIdIsNot() {
        assertFalse(SentRequest.isOutcomeOf(rejection("r1", "uniworld.requests", 2, 39L), SENT), "another offset");
        assertFalse(SentRequest.isOutcomeOf(rejection("r1", "uniworld.requests", 0, 40L), SENT), "another partition");
        assertFalse(SentRequest.isOutcomeOf(rejection("r1", "other.requests", 2, 40L), SENT), "another topic");
        assertFalse(SentRequest.isOutcomeOf(rejection("r1", "uniworld.requests", null, null), SENT), "no position");
        assertFalse(SentRequest.isOutcomeOf(rejection("r2", "uniworld.requests", 2, 40L), SENT), "another id");
    }

    private static RequestRejected rejection(String id, String topic, Integer partition, Long offset) {
        return RequestRejected.newBuilder().setRequestId(id).setReason(ReasonCode.UNDESERIALIZABLE).setField("value")
                .setMessage("value: cannot be read").setSource("gateway").setPayloadSize(3).setTopic(topic)
                .setPartition(partition).setOffset(offset).setRejectedAt(Instant.EPOCH).build();
    }
}
