package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.Task;
import dev.uniworld.gateway.state.BatchProgress;
import dev.uniworld.gateway.state.ExpiredEntries;
import dev.uniworld.gateway.state.RequestStatusView;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Statuses and batch counts go once unchanged for the retention, so that the stores do not grow for ever. */
class StatusRetentionTest extends GatewayTopologyTest {

    @Test
    void statusesAndCompletedBatchesUnchangedForTheRetentionAreDeletedWithTheirMembers() {
        // Given a batch completed now, and a request stored six days later
        gateway.submit(TestRequests.generate("old-a").setBatchId("old").setBatchSize(1).build());
        gateway.results.pipeInput("old-a", result("old-a", "old"));
        gateway.driver.advanceWallClockTime(Duration.ofDays(6));
        gateway.submit(TestRequests.generate("new-a").setBatchId("new").setBatchSize(1).build());
        gateway.results.pipeInput("new-a", result("new-a", "new"));
        // When the retention (7 days) has passed for the first but not the second
        gateway.driver.advanceWallClockTime(Duration.ofDays(1).plus(ExpiredEntries.SLICE_EVERY));
        // Then the first's status, batch and member entry are gone, and the second's are kept
        assertNull(statuses().get("old-a"));
        assertNull(batches().get("old"));
        assertNull(members().get(BatchTracker.memberKey("old", "old-a")));
        assertEquals("SUCCEEDED", statuses().get("new-a").state());
        assertTrue(batches().get("new").completed());
        assertEquals("SUCCEEDED", members().get(BatchTracker.memberKey("new", "new-a")));
    }

    @Test
    void aBatchStillRunningIsKeptFourRetentionsForResultsThatMayYetCome() {
        gateway.submit(TestRequests.generate("run-a").setBatchId("run").setBatchSize(2).build());
        gateway.driver.advanceWallClockTime(Duration.ofDays(8));
        assertEquals(1, batches().get("run").seen(), "running batches outlive the retention");
        gateway.driver.advanceWallClockTime(Duration.ofDays(21));
        assertNull(batches().get("run"));
        assertNull(members().get(BatchTracker.memberKey("run", "run-a")));
    }

    @Test
    void aReplayedBacklogIsKeptFromWhenTheGatewayStoredItNotFromItsTimestamps() {
        // records written ten days ago, read only now
        gateway.requests.pipeInput("late-a", TestRequests.generate("late-a").setBatchId("late").setBatchSize(2)
                .build(), TestRequests.NOW.minus(Duration.ofDays(10)));
        gateway.driver.advanceWallClockTime(ExpiredEntries.SLICE_EVERY.multipliedBy(2));
        assertEquals("ACCEPTED", statuses().get("late-a").state());
        assertEquals(1, batches().get("late").seen());
    }

    @Test
    void aResultForADeletedBatchDoesNotStartItAgain() {
        gateway.submit(TestRequests.generate("gone-a").setBatchId("gone").setBatchSize(2).build());
        gateway.submit(TestRequests.generate("gone-b").setBatchId("gone").setBatchSize(2).build());
        gateway.results.pipeInput("gone-a", result("gone-a", "gone"));
        gateway.driver.advanceWallClockTime(Duration.ofDays(29));
        assertNull(batches().get("gone"));
        gateway.batches.readValuesToList();
        // the last member's result comes after the batch was deleted, four retentions on
        gateway.results.pipeInput("gone-b", result("gone-b", "gone"));
        assertNull(batches().get("gone"));
        assertTrue(gateway.batches.isEmpty(), "no RUNNING batch replaces the last status on the batches topic");
    }

    @Test
    void aBatchWithMoreMembersThanOneTransactionDeletesIsDeletedOverSeveralSlices() {
        // Given a completed batch whose members outnumber what one slice deletes
        int size = ExpiredEntries.SLICE_DELETES + 5;
        KeyValueStore<String, String> members = members();
        for (int i = 0; i < size; i++) {
            members.put(BatchTracker.memberKey("wide", "w-" + i), "SUCCEEDED");
        }
        batches().put("wide", new BatchProgress("wide", size, size, size, 0, true, 0, 1));
        // When the retention has passed: one slice deletes what it may, the batch itself going last
        gateway.driver.advanceWallClockTime(Duration.ofDays(8));
        assertNotNull(batches().get("wide"), "kept while members remain");
        // Then the next pass deletes the rest, then the batch
        gateway.driver.advanceWallClockTime(ExpiredEntries.SLICE_EVERY);
        assertNull(batches().get("wide"));
        assertNull(members.get(BatchTracker.memberKey("wide", "w-0")));
        assertNull(members.get(BatchTracker.memberKey("wide", "w-" + (size - 1))));
    }

    private static GenerationResult result(String id, String batchId) {
        return GenerationResult.newBuilder().setRequestId(id).setBatchId(batchId).setTask(Task.GENERATE)
                .setStatus(ResultStatus.OK).setCompletedAt(TestRequests.NOW).build();
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
