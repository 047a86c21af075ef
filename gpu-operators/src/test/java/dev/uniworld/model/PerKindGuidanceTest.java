package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CFG scales per kind: SamplerConfig.cfgScale for prompts alone, referenceCfgScale for samples with images. */
class PerKindGuidanceTest {

    @Test
    void aPromptAloneIsGuidedWhileAnEditInTheSameBatchIsSampledAsWithoutGuidance() {
        UniWorldConfig config = TestModels.micro();
        SamplerConfig euler = config.sampler().withSteps(3).withCfgScale(1);
        SamplerConfig promptsGuided = euler.withCfgScales(3, 1);
        try (UniWorldModel model = UniWorldModel.create(config, 42)) {
            // Given an edit (a prompt with one image) and a prompt alone in one batch, and their bare prompts
            int[][] ids = {TestModels.prompts(config).build("make the red circle blue", 1),
                TestModels.prompts(config).build("draw a red circle", 0)};
            int[][] bare = {TestModels.prompts(config).build("", 1), TestModels.prompts(config).build("", 0)};
            HostTensor image = TestModels.images(1, config.imageSize(), 3);
            HostTensor siglip = model.encodeSiglip(image);
            FusedContext fused = model.fuse(model.encodeVlm(ids, image), siglip, null, null);
            FusedContext unconditional = model.fuse(model.encodeVlm(bare, image), siglip, null, null);
            long[] seeds = {5, 6};
            // When
            float[] plain = model.denoise(fused, null, euler, seeds).data();
            float[] guided = model.denoise(fused, unconditional, promptsGuided, seeds).data();
            // Then the prompt alone is drawn differently, and the edit as without guidance (up to the rounding of a
            // batch of four rows instead of two)
            int half = plain.length / 2;
            assertTrue(TestModels.maxAbsDiff(plain, guided, half, plain.length) > 1e-2,
                    "the prompt alone should be guided");
            assertTrue(TestModels.maxAbsDiff(plain, guided, 0, half) < 1e-4, "the edit should not be guided");
            // and scales of 1 for both kinds run no second pass: exactly the unguided images
            assertArrayEquals(plain, model.denoise(fused, unconditional, euler, seeds).data());
        }
    }

    @Test
    void aGuidedKindWithoutAnUnconditionalContextIsRefusedNamingBothScales() {
        UniWorldConfig config = TestModels.micro();
        try (UniWorldModel model = UniWorldModel.create(config, 42)) {
            int[][] ids = {TestModels.prompts(config).build("make the red circle blue", 1)};
            HostTensor image = TestModels.images(1, config.imageSize(), 3);
            FusedContext fused = model.fuse(model.encodeVlm(ids, image), model.encodeSiglip(image), null, null);
            SamplerConfig editsGuided = config.sampler().withSteps(2).withCfgScales(1, 2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.denoise(fused, null, editsGuided, new long[] {5}));
            assertTrue(e.getMessage().contains("1.0 (prompts alone) and 2.0 (with references)"), e.getMessage());
        }
    }

    @Test
    void aConfigWithoutAReferenceScaleGuidesEveryKindAtItsScale() {
        SamplerConfig old = new SamplerConfig(8, 3.5, 3, true, 0.5, 1.15, 256, 4096, 0, 0, 0, 0, 0);
        assertEquals(3, old.cfgScaleFor(true));
        assertEquals(3, old.cfgScaleFor(false));
        assertEquals(1, old.withCfgScales(4, 1).cfgScaleFor(true));
    }
}
