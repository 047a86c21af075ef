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
    void aStepRenoisesItsCleanImageEstimateWithItsShareOfFreshNoise() {
        // Given the exact velocity towards one clean image x0 at a sigma below 1, v = (x - x0) / sigma, whose noise
        // estimate is then n = (x - (1 - sigma) x0) / sigma
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(SamplerConfig.fluxDefaults().withSteps(4), 256);
        int step = 1;
        double sigma = sampler.sigma(step);
        double next = sampler.sigma(step + 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(3, 1, 4, 4);
            NDArray x0 = manager.create(FlowMatchEulerSampler.noise(1, 48), shape);
            NDArray x = manager.create(FlowMatchEulerSampler.noise(2, 48), shape);
            NDArray fresh = manager.create(FlowMatchEulerSampler.noise(3, 48), shape);
            NDArray velocity = x.sub(x0).div((float) sigma);
            NDArray noise = x.sub(x0.mul((float) (1 - sigma))).div((float) sigma);
            // When: one sample renoised entirely, one by half, one not at all
            float[] out = sampler.stochasticStep(velocity, step, x, fresh, new double[] {1, 0.5, 0}).toFloatArray();
            // Then: (1 - sigma') x0 + sigma' (sqrt(1 - c) n + sqrt(c) fresh); at c = 0 the Euler step to the bit
            for (double c : new double[] {1, 0.5}) {
                int b = c == 1 ? 0 : 1;
                float[] want = x0.mul((float) (1 - next)).add(noise.mul((float) (next * Math.sqrt(1 - c)))
                        .add(fresh.mul((float) (next * Math.sqrt(c))))).toFloatArray();
                for (int i = 0; i < 16; i++) {
                    assertEquals(want[16 * b + i], out[16 * b + i], 1e-5, "share " + c + ", value " + i);
                }
            }
            float[] euler = sampler.step(velocity, step, x).toFloatArray();
            assertArrayEquals(Arrays.copyOfRange(euler, 32, 48), Arrays.copyOfRange(out, 32, 48));
            assertThrows(IllegalArgumentException.class,
                    () -> sampler.stochasticStep(velocity, step, x, fresh, new double[] {1, 0}));
            assertThrows(IllegalArgumentException.class,
                    () -> sampler.stochasticStep(velocity, step, x, fresh, new double[] {1, 1.5, 0}));
        }
    }

    @Test
    void theReferenceShareChangesOnlySamplesWithReferenceImagesAndNoSampleDependsOnItsBatch() {
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
            float[] editAlone = model.denoise(fused.sample(0), null, referencesRedrawn, new long[] {5}).data();
            // Then: the edit is sampled differently, the prompt alone exactly as before, the same seeds give the same
            // images, and the edit comes out as it does alone (up to the rounding of batched kernels)
            int half = plain.length / 2;
            assertTrue(TestModels.maxAbsDiff(plain, redrawn, 0, half) > 1e-2, "the edit should be redrawn");
            assertArrayEquals(Arrays.copyOfRange(plain, half, plain.length),
                    Arrays.copyOfRange(redrawn, half, redrawn.length), "the prompt alone should not change");
            assertArrayEquals(redrawn, model.denoise(fused, null, referencesRedrawn, seeds).data());
            assertTrue(TestModels.maxAbsDiff(editAlone, Arrays.copyOfRange(redrawn, 0, half), 0, half) < 1e-4,
                    "the edit should not depend on its batch");
        }
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
