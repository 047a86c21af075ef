package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.nn.GradientTape;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Batching by size, by wait and by bucket, and the flush before a checkpoint barrier, on the decode stage; model calls
 * without gradient recording, on a stage that watches it.
 */
@SuppressWarnings("try") // the harnesses' close() declares InterruptedException; a pause's body does not read it
class BatchingStageOperatorTest {

    @Test
    void aFullBatchRunsAtOnce() throws Exception {
        try (var harness = StageRecords.harness(new DecodeStage(StageRecords.batching("decode", 3, 60_000),
                StageRecords.MODEL))) {
            harness.open();
            // When
            for (int i = 0; i < 3; i++) {
                harness.processElement(new StreamRecord<>(StageRecords.decoded("r" + i, null, null)));
            }
            // Then
            List<InFlight> out = outputs(harness);
            assertEquals(3, out.size());
            assertTrue(out.stream().allMatch(r -> r.trace().get(0).batchSize() == 3 && r.png() != null));
        }
    }

    @Test
    void aPartialBatchRunsWhenItsOldestRequestHasWaitedLongEnough() throws Exception {
        try (var harness = StageRecords.harness(new DecodeStage(StageRecords.batching("decode", 8, 50),
                StageRecords.MODEL))) {
            harness.open();
            harness.setProcessingTime(1_000);
            harness.processElement(new StreamRecord<>(StageRecords.decoded("a", null, null)));
            harness.processElement(new StreamRecord<>(StageRecords.decoded("b", null, null)));
            assertEquals(0, outputs(harness).size(), "waiting for more");
            // When
            harness.setProcessingTime(1_050);
            // Then
            List<InFlight> out = outputs(harness);
            assertEquals(2, out.size());
            assertEquals(50, out.get(0).trace().get(0).queueMillis());
        }
    }

    @Test
    void requestsOfDifferentShapesAreBatchedApart() throws Exception {
        try (var harness = StageRecords.harness(new DecodeStage(StageRecords.batching("decode", 2, 60_000),
                StageRecords.MODEL))) {
            harness.open();
            // When: two 64x64 and two 32x48 requests, interleaved
            harness.processElement(new StreamRecord<>(StageRecords.decoded("big1", null, null)));
            harness.processElement(new StreamRecord<>(StageRecords.decoded("small1", 32, 48)));
            harness.processElement(new StreamRecord<>(StageRecords.decoded("big2", null, null)));
            harness.processElement(new StreamRecord<>(StageRecords.decoded("small2", 32, 48)));
            // Then: each batch holds one shape, and the small ones were rescaled to what they asked for
            List<InFlight> out = outputs(harness);
            assertEquals(List.of("big1", "big2", "small1", "small2"), out.stream().map(InFlight::requestId).toList());
            assertEquals(32, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(out.get(2).png()))
                    .getWidth());
        }
    }

    @Test
    void aCheckpointTakenMidBatchFlushesTheBatchBeforeTheBarrierAndKeepsNothingInState() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = StageRecords.harness(new DecodeStage(StageRecords.batching("decode", 8, 60_000),
                StageRecords.MODEL))) {
            harness.open();
            for (int i = 0; i < 3; i++) {
                harness.processElement(new StreamRecord<>(StageRecords.decoded("pre" + i, null, null)));
            }
            assertEquals(0, outputs(harness).size(), "a batch of 3 waits for 8 or 60 s");
            // When: a checkpoint arrives mid-batch
            harness.prepareSnapshotPreBarrier(1);
            snapshot = harness.snapshot(1, 1);
            // Then: the 3 requests left before the barrier
            assertEquals(Set.of("pre0", "pre1", "pre2"), ids(outputs(harness)));
        }
        // Then: a restore from that checkpoint holds nothing to replay, so nothing is emitted twice
        try (var restored = StageRecords.harness(new DecodeStage(StageRecords.batching("decode", 8, 60_000),
                StageRecords.MODEL))) {
            restored.initializeState(snapshot);
            restored.open();
            restored.endInput();
            assertEquals(0, outputs(restored).size());
        }
    }

    /**
     * A task thread records gradients by the engine's default; model calls must not, or every operation on a parameter
     * builds a graph during serving. A failed batch's one-by-one retries are model calls too.
     */
    @Test
    void modelCallsAndTheirRetriesRunWithTheGradientTapePausedAndTheThreadKeepsItsState() throws Exception {
        TapeWatchingStage stage = new TapeWatchingStage();
        // the outer pause only restores this thread's state when the test ends
        try (var harness = StageRecords.harness(stage);
                GradientTape.Pause restoresThisThread = GradientTape.pause()) {
            harness.open();
            JniUtils.setGradMode(true); // as on a thread the engine was not loaded on
            // When: a batch of two fails, and each request is retried alone
            harness.processElement(new StreamRecord<>(StageRecords.decoded("a", null, null)));
            harness.processElement(new StreamRecord<>(StageRecords.decoded("b", null, null)));
            // Then
            assertEquals(2, outputs(harness).size());
            assertEquals(List.of(2, 1, 1), stage.batchSizes);
            assertEquals(List.of(false, false, false), stage.recording);
            assertTrue(GradientTape.isRecording(), "the thread's own state is restored");
        }
    }

    /** Passes single requests through, fails any larger batch, and notes whether the engine recorded in each call. */
    private static final class TapeWatchingStage extends BatchingStageOperator {
        private static final long serialVersionUID = 1L;
        /** The harness runs this very instance: one entry per model call. */
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Boolean> recording = new ArrayList<>();

        TapeWatchingStage() {
            super(Stage.DECODE, StageRecords.batching("decode", 2, 60_000), StageRecords.MODEL);
        }

        @Override
        protected Object bucketOf(InFlight request) {
            return "all";
        }

        @Override
        protected List<InFlight> compute(List<InFlight> batch, LoadedModel model) {
            batchSizes.add(batch.size());
            recording.add(GradientTape.isRecording());
            if (batch.size() > 1) {
                throw new IllegalStateException("a batch fails here, so that its requests are retried alone");
            }
            return batch;
        }
    }

    static List<InFlight> outputs(OneInputStreamOperatorTestHarness<InFlight, InFlight> harness) {
        return harness.extractOutputValues();
    }

    static Set<String> ids(List<InFlight> records) {
        return records.stream().map(InFlight::requestId).collect(Collectors.toSet());
    }
}
