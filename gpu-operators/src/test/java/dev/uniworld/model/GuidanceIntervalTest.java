package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import org.junit.jupiter.api.Test;

/** Guidance over part of the noise levels only (SamplerConfig.cfgSigmaMin and cfgSigmaMax). */
class GuidanceIntervalTest {

    @Test
    void onlyTheStepsInsideTheIntervalAreGuided() {
        UniWorldConfig config = TestModels.micro();
        SamplerConfig unguided = config.sampler().withSteps(3).withCfgScales(1, 1);
        SamplerConfig guided = unguided.withCfgScales(3, 1);
        double[] sigmas = new FlowMatchEulerSampler(guided, config.imageTokens()).sigmas(); // 1 > s1 > s2 > 0
        try (UniWorldModel model = UniWorldModel.create(config, 42)) {
            // Given a prompt alone and its bare prompt
            int[][] ids = {TestModels.prompts(config).build("draw a red circle", 0)};
            int[][] bare = {TestModels.prompts(config).build("", 0)};
            FusedContext fused = model.fuse(model.encodeVlm(ids, null), null, null, null);
            FusedContext unconditional = model.fuse(model.encodeVlm(bare, null), null, null, null);
            long[] seeds = {7};
            // When it is drawn without guidance, guided at every step, and guided over intervals
            float[] plain = model.denoise(fused, null, unguided, seeds).data();
            float[] everyStep = model.denoise(fused, unconditional, guided, seeds).data();
            float[] noStep = model.denoise(fused, unconditional, guided.withCfgInterval(0, sigmas[2] / 2), seeds)
                    .data();
            float[] firstStep = model.denoise(fused, unconditional, guided.withCfgInterval(sigmas[0], 1), seeds)
                    .data();
            float[] wholeRange = model.denoise(fused, unconditional, guided.withCfgInterval(0, 1), seeds).data();
            // Then an interval that holds no step's sigma draws the unguided image, the whole range the guided one,
            // and guiding the first step alone gives neither
            assertArrayEquals(plain, noStep);
            assertArrayEquals(everyStep, wholeRange);
            assertTrue(TestModels.maxAbsDiff(plain, everyStep) > 1e-2, "guidance should change the image");
            assertTrue(TestModels.maxAbsDiff(firstStep, plain) > 1e-3, "the first step should be guided");
            assertTrue(TestModels.maxAbsDiff(firstStep, everyStep) > 1e-3, "the later steps should not be guided");
        }
    }

    @Test
    void aConfigWithoutAnIntervalGuidesEveryStep() {
        SamplerConfig old = new SamplerConfig(8, 3.5, 3, true, 0.5, 1.15, 256, 4096, 0, 0, 1, 0, 0);
        assertEquals(1, old.cfgSigmaMax());
        assertTrue(old.guidesAt(1) && old.guidesAt(0.001));
        SamplerConfig middle = old.withCfgInterval(0.2, 0.8);
        assertTrue(middle.guidesAt(0.2) && middle.guidesAt(0.8));
        assertFalse(middle.guidesAt(0.19) || middle.guidesAt(0.81));
        // every other setting keeps the interval, as the DiT stage sets steps and guidance per request
        SamplerConfig perRequest = middle.withSteps(4).withGuidance(2).withCfgScale(3).withFreshNoise(0, 1);
        assertEquals(0.2, perRequest.cfgSigmaMin());
        assertEquals(0.8, perRequest.cfgSigmaMax());
    }

    @Test
    void anIntervalOutsideZeroToOneOrUpsideDownIsRefusedByName() {
        SamplerConfig base = SamplerConfig.fluxDefaults();
        IllegalArgumentException upsideDown = assertThrows(IllegalArgumentException.class,
                () -> base.withCfgInterval(0.8, 0.2));
        assertTrue(upsideDown.getMessage().contains("cfgSigmaMin <= cfgSigmaMax"), upsideDown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base.withCfgInterval(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> base.withCfgInterval(0, 1.5));
    }
}
