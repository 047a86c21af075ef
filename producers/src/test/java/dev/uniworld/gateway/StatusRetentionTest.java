package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.uniworld.gateway.state.BatchProgress;
import dev.uniworld.gateway.state.RequestStatusView;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Statuses and batch counts go once unchanged for the retention, so that the stores do not grow for ever. */
class StatusRetentionTest extends GatewayTopologyTest {

    @Test
    void statusesAndBatchesUnchangedForTheRetentionAreDeletedWithTheirMembers() {
        // Given a batch member stored now, and another six days later
        gateway.submit(TestRequests.generate("old-a").setBatchId("old").setBatchSize(2).build());
        gateway.driver.advanceWallClockTime(Duration.ofDays(6));
        gateway.submit(TestRequests.generate("new-a").setBatchId("new").setBatchSize(2).build());
        // When the retention (7 days) has passed for the first but not the second
        gateway.driver.advanceWallClockTime(Duration.ofDays(1).plus(RequestStatusProcessor.PRUNE_EVERY));
        // Then the first's status, batch and member entry are gone, and the second's are kept
        assertNull(statuses().get("old-a"));
        assertNull(batches().get("old"));
        assertNull(members().get(BatchTracker.memberKey("old", "old-a")));
        assertEquals("ACCEPTED", statuses().get("new-a").state());
        assertNotNull(batches().get("new"));
        assertEquals("ACCEPTED", members().get(BatchTracker.memberKey("new", "new-a")));
    }

    @Test
    void aReplayedBacklogIsKeptFromWhenTheGatewayStoredItNotFromItsTimestamps() {
        // records written ten days ago, read only now
        gateway.requests.pipeInput("late-a", TestRequests.generate("late-a").setBatchId("late").setBatchSize(2)
                .build(), TestRequests.NOW.minus(Duration.ofDays(10)));
        gateway.driver.advanceWallClockTime(RequestStatusProcessor.PRUNE_EVERY.multipliedBy(2));
        assertEquals("ACCEPTED", statuses().get("late-a").state());
        assertEquals(1, batches().get("late").seen());
    }

    private KeyValueStore<String, RequestStatusView> statuses() {
        return gateway.driver.getKeyValueStore(RequestStatusProcessor.STORE);
    }

    private KeyValueStore<String, BatchProgress> batches() {
        return gateway.driver.getKeyValueStore(BatchTracker.BATCHES_STORE);
    }

    private KeyValueStore<String, String> members() {
        return gateway.driver.getKeyValueStore(BatchTracker.MEMBERS_STORE);
    }
}
