package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import org.junit.jupiter.api.Test;

class DeduplicationTest extends GatewayTopologyTest {

    @Test
    void aRepeatedRequestIdRunsOnceAndTheRepeatIsReported() {
        // Given a request that was accepted
        gateway.submit(TestRequests.generate("dup-1").build());
        assertEquals("dup-1", gateway.accepted.readValue().getRequestId());

        // When the same id arrives again within the window
        gateway.requests.pipeInput("dup-1", TestRequests.generate("dup-1").setPrompt("again").build(),
                TestRequests.NOW.plusSeconds(60));

        // Then it is not accepted again, and the repeat is reported on the rejected topic
        assertTrue(gateway.accepted.isEmpty());
        RequestRejected report = gateway.rejected.readValue();
        assertEquals(ReasonCode.DUPLICATE_REQUEST, report.getReason());
        assertEquals("requestId", report.getField());
        assertTrue(report.getMessage().contains("dup-1"), report.getMessage());
    }

    @Test
    void anInvalidRepeatOfAnAcceptedRequestIsADuplicateNotASecondOutcome() {
        gateway.submit(TestRequests.generate("dup-3").build());
        gateway.accepted.readValue();
        gateway.requests.pipeInput("dup-3", TestRequests.generate("dup-3").setPrompt("").build(),
                TestRequests.NOW.plusSeconds(60));
        assertTrue(gateway.accepted.isEmpty());
        RequestRejected report = gateway.rejected.readValue();
        assertEquals(ReasonCode.DUPLICATE_REQUEST, report.getReason(), report.getMessage());
        assertTrue(report.getMessage().contains("also invalid"), report.getMessage());
    }

    @Test
    void afterTheWindowTheSameIdRunsAgain() {
        gateway.submit(TestRequests.generate("dup-2").build());
        gateway.accepted.readValue();
        gateway.driver.advanceWallClockTime(GatewayTopologyFixture.DEDUP_WINDOW.plusSeconds(1));
        gateway.submit(TestRequests.generate("dup-2").build());
        assertEquals("dup-2", gateway.accepted.readValue().getRequestId());
    }

    @Test
    void theWindowRunsOnTheGatewaysClockNotOnTheProducers() {
        // Given a request that was accepted
        gateway.submit(TestRequests.generate("skew-1").build());
        gateway.accepted.readValue();
        // When a repeat arrives from a producer whose clock runs three windows late (past the store's retention)
        gateway.requests.pipeInput("skew-1", TestRequests.generate("skew-1").build(),
                TestRequests.NOW.minus(GatewayTopologyFixture.DEDUP_WINDOW.multipliedBy(3)));
        // Then it is still a duplicate
        assertTrue(gateway.accepted.isEmpty());
        assertEquals(ReasonCode.DUPLICATE_REQUEST, gateway.rejected.readValue().getReason());
    }

    @Test
    void aRejectedRequestCanBeResubmittedCorrected() {
        gateway.submit(TestRequests.generate("fix-1").setPrompt("").build());
        assertEquals(ReasonCode.MISSING_PROMPT, gateway.rejected.readValue().getReason());
        gateway.submit(TestRequests.generate("fix-1").build());
        assertEquals("fix-1", gateway.accepted.readValue().getRequestId());
        assertTrue(gateway.rejected.isEmpty());
    }
}
