package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/**
 * Classifier-free guidance in the pipeline: fusion adds the unconditional context (the prompt's images without its
 * instruction, taken from the VLM states already computed), and the DiT follows the guided velocity.
 */
@SuppressWarnings("try") // the harnesses close() declares InterruptedException
class ClassifierFreeGuidanceTest {

    private static final ModelSettings CFG = StageRecords.MODEL.withCfgScale(3);
    /** No guidance for any request (the tiny preset's own guides prompts alone). */
    private static final ModelSettings PLAIN = StageRecords.MODEL.withCfgScale(1);

    @Test
    void fusionAddsTheContextOfTheBarePromptAsASeparateVlmPassWouldEncodeIt() throws Exception {
        // Given a text-to-image request through the VLM stage
        InFlight encoded = textToImage("draw a red circle");
        // When it is fused with CFG on, and with CFG off
        InFlight guided = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), CFG), encoded));
        InFlight plain = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), PLAIN), encoded));
        // Then only the guided record carries an unconditional context, equal to fusing the bare prompt directly
        assertNull(plain.unconditionalContext());
        assertNotNull(guided.unconditionalContext());
        try (UniWorldModel model = UniWorldModel.create(Presets.tiny(), StageRecords.MODEL.fallbackSeed(),
                Device.cpu(), EnumSet.of(Stage.VLM, Stage.FUSION), SpecialTokens.WORD_LEVEL)) {
            int[] bare = new PromptBuilder(WordTokenizer.tinyVocabulary(), model.config().vlm().tokensPerImage())
                    .build("", 0);
            VlmEncoding vlm = model.encodeVlm(new int[][] {bare}, null);
            FusedContext expected = model.fuse(vlm, null, null, null);
            assertEquals(expected.lengths()[0], guided.unconditionalContext().dim(0));
            assertClose(expected.context().sequence(0, expected.lengths()[0]).data(),
                    guided.unconditionalContext().data());
            assertClose(expected.pooled().data(), guided.unconditionalPooled().data());
        }
    }

    @Test
    void theDitFollowsTheGuidedVelocityAndDropsTheExtraContextAfterwards() throws Exception {
        // Given a request fused with CFG on
        InFlight fused = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), CFG),
                textToImage("draw a blue square")));
        // When it is denoised with and without guidance
        InFlight guided = only(run(new DitStage(StageRecords.batching("dit", 8, 60_000), CFG), fused));
        InFlight plain = only(run(new DitStage(StageRecords.batching("dit", 8, 60_000), PLAIN), fused));
        // Then both are finite images of the same shape, the guided one different, and no conditioning travels on
        assertFalse(guided.isFailed(), String.valueOf(guided.failure()));
        assertEquals(Arrays.toString(plain.latents().shape()), Arrays.toString(guided.latents().shape()));
        assertFalse(Arrays.equals(plain.latents().data(), guided.latents().data()));
        assertTrue(DitStage.allFinite(guided.latents().data()));
        assertNull(guided.unconditionalContext());
        assertNull(guided.context());
    }

    @Test
    void aRequestFusedWithoutGuidanceFailsAloneWhenTheDitGuides() throws Exception {
        // Given one request fused with CFG and one fused before CFG was switched on
        InFlight ready = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), CFG),
                textToImage("draw a red circle")));
        InFlight stale = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), PLAIN),
                textToImage("draw a green triangle")));
        // When both reach a guiding DiT in one batch
        List<InFlight> out = run(new DitStage(StageRecords.batching("dit", 8, 60_000), CFG), ready, stale);
        // Then the stale one fails with a reason, and its neighbour is denoised
        InFlight failed = out.stream().filter(InFlight::isFailed).findFirst().orElseThrow();
        assertEquals(ReasonCode.STAGE_FAILED, failed.failure().code());
        assertTrue(failed.failure().message().contains("classifier-free guidance"), failed.failure().message());
        assertEquals(1, out.stream().filter(r -> r.latents() != null).count());
    }

    @Test
    void theModelsOwnScalesGuidePromptsAloneAndLeaveEditsUnguided() throws Exception {
        // Given the tiny preset's own scales (6 for prompts alone, 1 with images), a prompt alone and an edit
        InFlight prompt = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), StageRecords.MODEL),
                textToImage("draw a red circle")));
        InFlight edit = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), StageRecords.MODEL),
                edit("make the red circle blue")));
        // Then fusion adds an unconditional context to the prompt alone only
        assertNotNull(prompt.unconditionalContext());
        assertNull(edit.unconditionalContext());
        // and the DiT batches them apart, so that unguided requests run one pass per step
        DitStage dit = new DitStage(StageRecords.batching("dit", 8, 60_000), StageRecords.MODEL);
        assertNotEquals(dit.bucketOf(prompt), dit.bucketOf(edit));
        // When both reach the DiT (in separate batches), the edit is denoised as it is without any guidance
        List<InFlight> out = run(new DitStage(StageRecords.batching("dit", 8, 60_000), StageRecords.MODEL), prompt,
                edit);
        InFlight editAlone = only(run(new DitStage(StageRecords.batching("dit", 8, 60_000), PLAIN), edit));
        assertEquals(2, out.stream().filter(r -> r.latents() != null).count(), String.valueOf(out));
        InFlight editGuided = out.stream().filter(r -> r.requestId().equals(edit.requestId())).findFirst()
                .orElseThrow();
        assertClose(editAlone.latents().data(), editGuided.latents().data());
    }

    private static InFlight edit(String prompt) throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        image.setRGB(20, 20, 0xE02020);
        InFlight admitted = InFlight.admitted(new RequestInfo("edit-" + prompt, null, prompt, Task.EDIT, null, null,
                7L, null, null, null, 0, 0), List.of(ImageCodec.encodePng(image)));
        InFlight encoded = only(run(new VlmStage(StageRecords.batching("vlm", 8, 60_000), StageRecords.MODEL),
                admitted));
        return only(run(new SiglipStage(StageRecords.batching("siglip", 8, 60_000), StageRecords.MODEL), encoded));
    }

    private static InFlight textToImage(String prompt) throws Exception {
        InFlight admitted = InFlight.admitted(new RequestInfo(prompt, null, prompt, Task.GENERATE, null, null, 7L,
                null, null, null, 0, 0), List.of());
        try (var harness = StageRecords.harness(new VlmStage(StageRecords.batching("vlm", 8, 60_000),
                StageRecords.MODEL))) {
            harness.open();
            harness.processElement(new StreamRecord<>(admitted));
            harness.endInput();
            return harness.getSideOutput(Routes.TEXT_TO_IMAGE).iterator().next().getValue();
        }
    }

    /** Every record a stage emits, on its main output or the failure route. */
    private static List<InFlight> run(OneInputStreamOperator<InFlight, InFlight> stage, InFlight... records)
            throws Exception {
        try (var harness = StageRecords.harness(stage)) {
            harness.open();
            for (InFlight record : records) {
                harness.processElement(new StreamRecord<>(record));
            }
            harness.endInput();
            List<InFlight> out = new ArrayList<>(harness.extractOutputValues());
            var failed = harness.getSideOutput(Routes.FAILED);
            if (failed != null) {
                failed.forEach(r -> out.add(r.getValue()));
            }
            return out;
        }
    }

    private static InFlight only(List<InFlight> records) {
        assertEquals(1, records.size(), String.valueOf(records));
        return records.get(0);
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }
}
