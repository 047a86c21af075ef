package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Steps that draw part of their noise afresh (SamplerConfig.freshNoise and referenceFreshNoise). */
class FreshNoiseSamplingTest {

    private static final int COUNT = 4096;

    @Test
    void eachStepsNoiseIsIndependentOfTheStartingNoiseAndOfTheOtherSteps() {
        // a stream replayed a few values later would correlate strongly at a small lag: check lags 0..8
        float[] start = FlowMatchEulerSampler.noise(7, COUNT);
        float[] first = FlowMatchEulerSampler.stepNoise(7, 0, COUNT);
        float[] second = FlowMatchEulerSampler.stepNoise(7, 1, COUNT);
        for (int lag = -8; lag <= 8; lag++) {
            assertTrue(Math.abs(correlation(start, first, lag)) < 0.06, "start/step 0 at lag " + lag);
            assertTrue(Math.abs(correlation(first, second, lag)) < 0.06, "step 0/step 1 at lag " + lag);
        }
        assertArrayEquals(first, FlowMatchEulerSampler.stepNoise(7, 0, COUNT), "seeded");
        assertFalse(Arrays.equals(first, FlowMatchEulerSampler.stepNoise(8, 0, COUNT)), "the seed matters");
    }

    @Test
    void aFullShareReNoisesTheCleanImageEstimateAndNoShareIsTheEulerStep() {
        // Given the exact velocity towards one clean image x0 at sigma(0) = 1: v = (x - x0) / sigma
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(SamplerConfig.fluxDefaults().withSteps(4), 256);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 1, 4, 4);
            NDArray x0 = manager.create(FlowMatchEulerSampler.noise(1, 32), shape);
            NDArray x = manager.create(FlowMatchEulerSampler.noise(2, 32), shape);
            NDArray fresh = manager.create(FlowMatchEulerSampler.noise(3, 32), shape);
            NDArray velocity = x.sub(x0).div((float) sampler.sigma(0));
            double next = sampler.sigma(1);
            // When: the first sample re-noised entirely, the second not at all
            float[] out = sampler.stochasticStep(velocity, 0, x, fresh, new double[] {1, 0}).toFloatArray();
            // Then
            float[] renoised = x0.mul((float) (1 - next)).add(fresh.mul((float) next)).toFloatArray();
            float[] euler = sampler.step(velocity, 0, x).toFloatArray();
            for (int i = 0; i < 16; i++) {
                assertEquals(renoised[i], out[i], 1e-5, "sample 0, value " + i);
                assertEquals(euler[16 + i], out[16 + i], 1e-5, "sample 1, value " + i);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> sampler.stochasticStep(velocity, 0, x, fresh, new double[] {1}));
        }
    }

    @Test
    void theReferenceShareChangesOnlySamplesWithReferenceImages() {
        UniWorldConfig config = TestModels.micro();
        SamplerConfig euler = config.sampler().withSteps(3);
        SamplerConfig referencesRedrawn = euler.withFreshNoise(0, 1);
        try (UniWorldModel model = UniWorldModel.create(config, 42)) {
            // Given an edit (a prompt with one image) and a prompt alone, in one batch
            int[][] ids = {TestModels.prompts(config).build("make the red circle blue", 1),
                TestModels.prompts(config).build("draw a red circle", 0)};
            HostTensor image = TestModels.images(1, config.imageSize(), 3);
            FusedContext fused = model.fuse(model.encodeVlm(ids, image), model.encodeSiglip(image), null, null);
            long[] seeds = {5, 6};
            // When
            float[] plain = model.denoise(fused, null, euler, seeds).data();
            float[] redrawn = model.denoise(fused, null, referencesRedrawn, seeds).data();
            // Then: the edit is sampled differently, the prompt alone as before (up to float rounding), and the
            // same seeds give the same images
            int half = plain.length / 2;
            assertTrue(maxAbsDiff(plain, redrawn, 0, half) > 1e-2, "the edit should be redrawn");
            assertTrue(maxAbsDiff(plain, redrawn, half, plain.length) < 1e-4, "the prompt alone should not change");
            assertArrayEquals(redrawn, model.denoise(fused, null, referencesRedrawn, seeds).data());
        }
    }

    private static float maxAbsDiff(float[] a, float[] b, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double correlation(float[] a, float[] b, int lag) {
        double sum = 0;
        int n = 0;
        for (int i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
            sum += a[i] * b[i + lag];
            n++;
        }
        return sum / n; // both standard normal: the mean product is the correlation
    }
}
