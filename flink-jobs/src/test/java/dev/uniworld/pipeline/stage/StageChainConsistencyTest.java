package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.uniworld.events.Task;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/**
 * An edit request through the VLM, SigLIP, fusion and DiT operators gives the latents that the model's own calls give
 * for the same prompt, image and seed (what evaluation runs), with the tiny preset's aligned reference tokens, its
 * fresh noise for samples with references and classifier-free guidance on: host tensors between stages, per-request
 * contexts, reference positions and sampler settings lose nothing.
 */
@SuppressWarnings("try") // the harnesses close() declares InterruptedException
class StageChainConsistencyTest {

    private static final ModelSettings SETTINGS = StageRecords.MODEL.withCfgScale(2);
    private static final String PROMPT = "make the red circle blue";

    @Test
    void anEditThroughTheOperatorsMatchesTheModelsOwnCalls() throws Exception {
        // Given an edit request with one image
        byte[] png = png();
        RequestInfo request = new RequestInfo("edit", null, PROMPT, Task.EDIT, null, null, 7L, null, null, null, 0, 0);
        InFlight record = InFlight.admitted(request, List.of(png));
        // When it goes through the four operators
        record = only(run(new VlmStage(StageRecords.batching("vlm", 8, 60_000), SETTINGS), record));
        record = only(run(new SiglipStage(StageRecords.batching("siglip", 8, 60_000), SETTINGS), record));
        record = only(run(new FusionStage(StageRecords.batching("fusion", 8, 60_000), SETTINGS), record));
        InFlight denoised = only(run(new DitStage(StageRecords.batching("dit", 8, 60_000), SETTINGS), record));
        // Then the latents equal the model's direct path
        try (UniWorldModel model = UniWorldModel.create(Presets.tiny(), SETTINGS.fallbackSeed(), Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL)) {
            assertTrue(model.config().dit().alignedReferences());
            PromptBuilder prompts = new PromptBuilder(WordTokenizer.tinyVocabulary(),
                    model.config().vlm().tokensPerImage());
            int side = model.config().imageSize();
            HostTensor image = new HostTensor(new ImageCodec(SETTINGS.maxImagePixels()).toModelInput(png, side),
                    new long[] {1, 3, side, side}); // [1, 3, S, S]
            HostTensor siglip = model.encodeSiglip(image);
            VlmEncoding vlm = model.encodeVlm(new int[][] {prompts.build(PROMPT, 1)}, image);
            VlmEncoding bare = model.encodeVlm(new int[][] {prompts.build("", 1)}, image);
            FusedContext context = model.fuse(vlm, siglip, null, null);
            FusedContext unconditional = model.fuse(bare, siglip, null, null);
            assertTrue(context.referenceStarts()[0].length == 1, "the edit's context holds its reference tokens");
            SamplerConfig sampler = model.config().sampler().withSteps(SETTINGS.defaultSteps()).withCfgScale(2);
            assertTrue(sampler.referenceFreshNoise() > 0,
                    "the edit draws fresh noise, so the DiT stage must pass it on");
            HostTensor expected = model.denoise(context, unconditional, sampler, new long[] {request.effectiveSeed()});
            float[] actual = denoised.latents().data();
            assertEquals(expected.data().length, actual.length);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected.data()[i], actual[i], 1e-4, "latent " + i);
            }
        }
    }

    private static List<InFlight> run(OneInputStreamOperator<InFlight, InFlight> stage, InFlight record)
            throws Exception {
        try (var harness = StageRecords.harness(stage)) {
            harness.open();
            harness.processElement(new StreamRecord<>(record));
            harness.endInput();
            return harness.extractOutputValues();
        }
    }

    private static InFlight only(List<InFlight> records) {
        assertEquals(1, records.size(), String.valueOf(records));
        return records.get(0);
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 20; y < 40; y++) {
            for (int x = 10; x < 30; x++) {
                image.setRGB(x, y, 0xE02020);
            }
        }
        return ImageCodec.encodePng(image);
    }
}
