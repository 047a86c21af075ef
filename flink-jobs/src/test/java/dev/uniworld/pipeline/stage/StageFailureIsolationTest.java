package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.model.device.Stage;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/** A failing model call fails the request that caused it, never its batch mates and never the job. */
class StageFailureIsolationTest {

    @Test
    void aRequestThatExhaustsTheHeapFailsAloneAndItsBatchMatesSucceed() throws Exception {
        Map<String, InFlight> out = runBatch(new FailingStage(
                id -> id.equals("greedy") ? new OutOfMemoryError("Java heap space") : null));
        assertFalse(out.get("a").isFailed());
        assertFalse(out.get("c").isFailed());
        InFlight greedy = out.get("greedy");
        assertTrue(greedy.isFailed());
        assertEquals(ReasonCode.MODEL_ERROR, greedy.failure().code());
        assertEquals("decode", greedy.failure().stage());
        assertTrue(greedy.failure().message().contains("ran out of memory"), greedy.failure().message());
    }

    @Test
    void aRequestWhoseCallThrowsFailsAloneWithTheStageNamed() throws Exception {
        Map<String, InFlight> out = runBatch(new FailingStage(
                id -> id.equals("greedy") ? new IllegalStateException("bad tensor") : null));
        assertFalse(out.get("a").isFailed());
        assertEquals(ReasonCode.MODEL_ERROR, out.get("greedy").failure().code());
        assertTrue(out.get("greedy").failure().message().contains("stage decode failed"),
                out.get("greedy").failure().message());
    }

    @Test
    void aRequestThatOverflowsTheStackOrFailsAnAssertionFailsAlone() throws Exception {
        // an input that always raised these would otherwise restart the job on every replay until it failed for good
        for (Error error : List.of(new StackOverflowError(), new AssertionError("shape [2, 5] != [2, 4]"))) {
            Map<String, InFlight> out = runBatch(new FailingStage(id -> id.equals("greedy") ? error : null));
            assertFalse(out.get("a").isFailed());
            assertFalse(out.get("c").isFailed());
            assertEquals(ReasonCode.MODEL_ERROR, out.get("greedy").failure().code());
            assertTrue(out.get("greedy").failure().message().contains(error.getClass().getName()),
                    out.get("greedy").failure().message());
        }
    }

    @Test
    void anErrorThatSaysTheJvmIsBrokenIsNotSwallowed() throws Exception {
        List<Error> errors = List.of(new NoClassDefFoundError("a broken class path"),
                new OutOfMemoryError("Metaspace"), new InternalError("a JVM fault"));
        for (Error error : errors) {
            FailingStage stage = new FailingStage(id -> id.equals("greedy") ? error : null);
            try (var harness = StageRecords.harness(stage)) {
                harness.open();
                harness.processElement(new StreamRecord<>(StageRecords.decoded("a", null, null)));
                harness.processElement(new StreamRecord<>(StageRecords.decoded("b", null, null)));
                Error thrown = assertThrows(Error.class, () -> harness.processElement(
                        new StreamRecord<>(StageRecords.decoded("greedy", null, null))));
                assertEquals(error, thrown);
            }
        }
    }

    @Test
    void aHeapThatStaysFullRequestAfterRequestRestartsTheJob() throws Exception {
        // Given a stage whose every call runs out of heap, as with a leak
        FailingStage stage = new FailingStage(id -> new OutOfMemoryError("Java heap space"));
        try (var harness = StageRecords.harness(stage)) {
            harness.open();
            // When the first batch of three runs: each request fails alone, up to the limit in a row
            for (String id : List.of("a", "b", "c")) {
                harness.processElement(new StreamRecord<>(StageRecords.decoded(id, null, null)));
            }
            assertEquals(HeapExhaustion.REQUESTS_IN_A_ROW, harness.getSideOutput(Routes.FAILED).size());
            // Then the next request alone that runs out of heap is no longer blamed: the error restarts the job
            harness.processElement(new StreamRecord<>(StageRecords.decoded("d", null, null)));
            harness.processElement(new StreamRecord<>(StageRecords.decoded("e", null, null)));
            assertThrows(OutOfMemoryError.class, () -> harness.processElement(
                    new StreamRecord<>(StageRecords.decoded("f", null, null))));
        }
    }

    @Test
    void aModelThatFailsRequestAfterRequestRestartsTheJob() throws Exception {
        // Given a stage whose every call throws, as a device in an error state does
        IllegalStateException broken = new IllegalStateException("CUDA error: an illegal memory access");
        FailingStage stage = new FailingStage(id -> broken);
        try (var harness = StageRecords.harness(stage)) {
            harness.open();
            // When batches of three run, each request fails alone while the failures in a row stay within the limit
            List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h");
            for (String id : ids) {
                harness.processElement(new StreamRecord<>(StageRecords.decoded(id, null, null)));
            }
            assertEquals(6, harness.getSideOutput(Routes.FAILED).size());
            // Then the request alone beyond the limit is no longer blamed: the job restarts, and g, h and i replay
            var thrown = assertThrows(IllegalStateException.class, () -> harness.processElement(
                    new StreamRecord<>(StageRecords.decoded("i", null, null))));
            assertEquals(broken, thrown.getCause());
            assertTrue(thrown.getMessage().contains("more than " + ModelFailureStreak.REQUESTS_IN_A_ROW),
                    thrown.getMessage());
            assertEquals(6, harness.getSideOutput(Routes.FAILED).size(), "nothing of the last batch was emitted");
        }
    }

    @Test
    void requestsRefusedForWhatTheyHoldNeverBlameTheModel() throws Exception {
        FailingStage stage = new FailingStage(
                id -> new StageException(ReasonCode.IMAGE_UNDECODABLE, "images[0]", "not an image"));
        try (var harness = StageRecords.harness(stage)) {
            harness.open();
            for (int i = 0; i < 3 * ModelFailureStreak.REQUESTS_IN_A_ROW; i++) {
                harness.processElement(new StreamRecord<>(StageRecords.decoded("r" + i, null, null)));
            }
            assertEquals(3 * ModelFailureStreak.REQUESTS_IN_A_ROW, harness.getSideOutput(Routes.FAILED).size());
        }
    }

    /** Runs a, greedy and c as one batch of three; returns the outputs by request id. */
    private static Map<String, InFlight> runBatch(FailingStage stage) throws Exception {
        try (var harness = StageRecords.harness(stage)) {
            harness.open();
            for (String id : List.of("a", "greedy", "c")) {
                harness.processElement(new StreamRecord<>(StageRecords.decoded(id, null, null)));
            }
            List<InFlight> out = new ArrayList<>(harness.extractOutputValues());
            harness.getSideOutput(Routes.FAILED).forEach(failed -> out.add(failed.getValue()));
            assertEquals(3, out.size(), "every request has an outcome");
            assertEquals(List.of(3, 1, 1, 1), stage.batchSizes, "the batch, then each request alone");
            return out.stream().collect(Collectors.toMap(InFlight::requestId, r -> r));
        }
    }

    /** Throws what {@code failure} gives for the first request of a call it gives something for; else passes. */
    private static final class FailingStage extends BatchingStageOperator {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, Throwable> failure;
        /** The harness runs this very instance: one entry per model call. */
        final List<Integer> batchSizes = new ArrayList<>();

        FailingStage(Function<String, Throwable> failure) {
            super(Stage.DECODE, StageRecords.batching("decode", 3, 60_000), StageRecords.MODEL);
            this.failure = failure;
        }

        @Override
        protected Object bucketOf(InFlight request) {
            return "all";
        }

        @Override
        protected List<InFlight> compute(List<InFlight> batch, LoadedModel model) throws Exception {
            batchSizes.add(batch.size());
            for (InFlight request : batch) {
                Throwable thrown = failure.apply(request.requestId());
                if (thrown != null) {
                    if (thrown instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) thrown;
                }
            }
            return batch;
        }
    }
}
