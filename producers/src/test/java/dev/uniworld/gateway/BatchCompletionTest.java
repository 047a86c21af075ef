package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.uniworld.events.BatchState;
import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.ErrorInfo;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.Task;
import dev.uniworld.gateway.state.BatchProgress;
import dev.uniworld.gateway.state.RequestStatusView;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class BatchCompletionTest extends GatewayTopologyTest {

    @Test
    void aBatchCompletesExactlyOnceWhenEveryRequestHasAnOutcome() {
        // Given a batch of three: two valid requests and one the gateway rejects
        gateway.submit(TestRequests.generate("b1-a").setBatchId("b1").setBatchSize(3).build());
        gateway.submit(TestRequests.generate("b1-b").setBatchId("b1").setBatchSize(3).build());
        gateway.submit(TestRequests.generate("b1-c").setBatchId("b1").setBatchSize(3).setPrompt("").build());

        // When the pipeline reports one success and one failure, and then repeats the success
        gateway.results.pipeInput("b1-a", result("b1-a", true));
        gateway.results.pipeInput("b1-b", result("b1-b", false));
        gateway.results.pipeInput("b1-a", result("b1-a", true));

        // Then the batch topic shows progress and exactly one completion, with the right counts
        List<BatchStatus> updates = gateway.batches.readValuesToList();
        List<BatchStatus> completions = updates.stream().filter(s -> s.getState() != BatchState.RUNNING).toList();
        assertEquals(1, completions.size(), "completes exactly once: " + updates);
        BatchStatus done = completions.get(0);
        assertEquals(3, done.getTotal());
        assertEquals(1, done.getSucceeded());
        assertEquals(2, done.getFailed());
        assertEquals(BatchState.COMPLETED_WITH_FAILURES, done.getState());
        assertEquals(done, updates.get(updates.size() - 1), "nothing after completion");

        // And the stores answer for the batch and each request
        KeyValueStore<String, BatchProgress> batches = gateway.driver.getKeyValueStore(BatchTracker.BATCHES_STORE);
        assertTrue(batches.get("b1").completed());
        KeyValueStore<String, RequestStatusView> requests =
                gateway.driver.getKeyValueStore(RequestStatusProcessor.STORE);
        assertEquals("SUCCEEDED", requests.get("b1-a").state());
        assertEquals("FAILED", requests.get("b1-b").state());
        assertEquals("REJECTED", requests.get("b1-c").state());
        assertEquals("MISSING_PROMPT", requests.get("b1-c").reason());
    }

    @Test
    void anAllSuccessfulBatchIsCompleted() {
        for (String id : List.of("b2-a", "b2-b")) {
            gateway.submit(TestRequests.generate(id).setBatchId("b2").setBatchSize(2).build());
        }
        gateway.results.pipeInput("b2-a", result("b2-a", true));
        assertEquals(BatchState.RUNNING, last().getState());
        gateway.results.pipeInput("b2-b", result("b2-b", true));
        BatchStatus done = last();
        assertEquals(BatchState.COMPLETED, done.getState());
        assertEquals(2, done.getSucceeded());
    }

    @Test
    void idsHoldingTheSeparatorDoNotMakeTwoBatchesShareAMember() {
        // Given batch "x/y" with request "z", and batch "x" with request "y/z": the same text joined by a slash
        gateway.submit(TestRequests.generate("z").setBatchId("x/y").setBatchSize(1).build());
        gateway.submit(TestRequests.generate("y/z").setBatchId("x").setBatchSize(1).build());
        // When the pipeline reports both
        gateway.results.pipeInput("z", result("z", "x/y", true));
        gateway.results.pipeInput("y/z", result("y/z", "x", true));
        // Then each batch counted its own member and completed
        KeyValueStore<String, BatchProgress> batches = gateway.driver.getKeyValueStore(BatchTracker.BATCHES_STORE);
        assertTrue(batches.get("x/y").completed(), "x/y: " + batches.get("x/y"));
        assertTrue(batches.get("x").completed(), "x: " + batches.get("x"));
        assertEquals(1, batches.get("x").succeeded());
    }

    @Test
    void aMemberStoredUnderAnEarlierVersionsKeyStillCountsOnce() {
        // Given a batch of two whose first request succeeded before an upgrade, stored under the earlier key
        gateway.submit(TestRequests.generate("up-a").setBatchId("up").setBatchSize(2).build());
        gateway.submit(TestRequests.generate("up-b").setBatchId("up").setBatchSize(2).build());
        gateway.results.pipeInput("up-a", result("up-a", true));
        KeyValueStore<String, String> members = gateway.driver.getKeyValueStore(BatchTracker.MEMBERS_STORE);
        members.put("up/up-a", members.delete(BatchTracker.memberKey("up", "up-a")));
        // When its result is replayed, and then the second request's arrives
        gateway.results.pipeInput("up-a", result("up-a", true));
        assertEquals(BatchState.RUNNING, last().getState(), "the replay changed nothing");
        gateway.results.pipeInput("up-b", result("up-b", true));
        // Then the batch completes with each request counted once, and the entry lives under the current key
        BatchStatus done = last();
        assertEquals(BatchState.COMPLETED, done.getState());
        assertEquals(2, done.getSucceeded());
        assertEquals("SUCCEEDED", members.get(BatchTracker.memberKey("up", "up-a")));
        assertNull(members.get("up/up-a"));
    }

    @Test
    void whenMembersDeclareDifferentSizesTheLargestCounts() {
        gateway.submit(TestRequests.generate("m3-a").setBatchId("m3").setBatchSize(1).build());
        gateway.submit(TestRequests.generate("m3-b").setBatchId("m3").setBatchSize(2).build());
        gateway.results.pipeInput("m3-a", result("m3-a", true));
        assertEquals(BatchState.RUNNING, last().getState(), "one of the two declared is done");
        gateway.results.pipeInput("m3-b", result("m3-b", true));
        BatchStatus done = last();
        assertEquals(BatchState.COMPLETED, done.getState());
        assertEquals(2, done.getTotal());
    }

    @Test
    void aRejectedMemberSentAgainCorrectedCountsByItsNewOutcome() {
        // Given a batch of two whose second request the gateway rejects
        gateway.submit(TestRequests.generate("rs-a").setBatchId("rs").setBatchSize(2).build());
        gateway.submit(TestRequests.generate("rs-b").setBatchId("rs").setBatchSize(2).setPrompt("").build());
        KeyValueStore<String, RequestStatusView> requests =
                gateway.driver.getKeyValueStore(RequestStatusProcessor.STORE);
        assertEquals("REJECTED", requests.get("rs-b").state());
        assertEquals(1, last().getFailed());
        // When it is sent again corrected, under the same id
        gateway.submit(TestRequests.generate("rs-b").setBatchId("rs").setBatchSize(2).build());
        // Then it runs: no longer failed, and the batch waits for its result
        assertEquals("ACCEPTED", requests.get("rs-b").state());
        BatchStatus running = last();
        assertEquals(BatchState.RUNNING, running.getState());
        assertEquals(0, running.getFailed());
        gateway.results.pipeInput("rs-a", result("rs-a", "rs", true));
        assertEquals(BatchState.RUNNING, last().getState(), "rs-b is still running");
        gateway.results.pipeInput("rs-b", result("rs-b", "rs", true));
        BatchStatus done = last();
        assertEquals(BatchState.COMPLETED, done.getState());
        assertEquals(2, done.getSucceeded());
        assertEquals(2, done.getTotal());
        assertEquals("SUCCEEDED", requests.get("rs-b").state());
    }

    @Test
    void aResubmissionAfterItsBatchCompletedRunsButLeavesTheBatchAsItWas() {
        gateway.submit(TestRequests.generate("rc-a").setBatchId("rc").setBatchSize(1).setPrompt("").build());
        assertEquals(BatchState.COMPLETED_WITH_FAILURES, last().getState());
        gateway.submit(TestRequests.generate("rc-a").setBatchId("rc").setBatchSize(1).build());
        assertEquals("rc-a", gateway.accepted.readValue().getRequestId());
        assertTrue(gateway.batches.isEmpty(), "a complete batch stays complete");
        KeyValueStore<String, RequestStatusView> requests =
                gateway.driver.getKeyValueStore(RequestStatusProcessor.STORE);
        assertEquals("ACCEPTED", requests.get("rc-a").state());
    }

    @Test
    void aRejectedBatchSizeOfZeroDoesNotCompleteTheBatch() {
        gateway.submit(TestRequests.generate("z0-a").setBatchId("z0").setBatchSize(0).build());
        assertEquals(ReasonCode.PARAMETER_OUT_OF_RANGE, gateway.rejected.readValue().getReason());
        assertEquals(BatchState.RUNNING, last().getState());
        gateway.submit(TestRequests.generate("z0-b").setBatchId("z0").setBatchSize(2).build());
        gateway.results.pipeInput("z0-b", result("z0-b", "z0", true));
        BatchStatus done = last();
        assertEquals(BatchState.COMPLETED_WITH_FAILURES, done.getState());
        assertEquals(1, done.getSucceeded());
        assertEquals(1, done.getFailed());
    }

    @Test
    void singleRequestsAreTrackedWithoutABatch() {
        gateway.submit(TestRequests.generate("single").build());
        KeyValueStore<String, RequestStatusView> requests =
                gateway.driver.getKeyValueStore(RequestStatusProcessor.STORE);
        assertEquals("ACCEPTED", requests.get("single").state());
        assertNull(requests.get("single").batchId());
        gateway.results.pipeInput("single", result("single", true));
        assertEquals("SUCCEEDED", requests.get("single").state());
        assertTrue(gateway.batches.isEmpty());
    }

    private BatchStatus last() {
        List<BatchStatus> all = gateway.batches.readValuesToList();
        return all.get(all.size() - 1);
    }

    private static GenerationResult result(String id, boolean ok) {
        return result(id, id.contains("-") ? id.substring(0, id.indexOf('-')) : null, ok);
    }

    private static GenerationResult result(String id, String batchId, boolean ok) {
        GenerationResult.Builder result = GenerationResult.newBuilder().setRequestId(id)
                .setBatchId(batchId).setTask(Task.GENERATE)
                .setStatus(ok ? ResultStatus.OK : ResultStatus.FAILED).setCompletedAt(TestRequests.NOW.plusSeconds(5));
        if (!ok) {
            result.setError(ErrorInfo.newBuilder().setCode(ReasonCode.NON_FINITE_OUTPUT).setMessage("NaN").build());
        }
        return result.build();
    }
}
