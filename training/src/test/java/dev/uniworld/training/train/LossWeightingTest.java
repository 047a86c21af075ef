package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.sampler.FlowMatchingObjective;
import org.junit.jupiter.api.Test;

/** The per-pixel weights multiply the squared error where they apply; sigma follows the shifted logit-normal. */
class LossWeightingTest {

    // FLUX's mu for the tiny preset's 64 image tokens, on the line through (256 tokens, 0.5) and (4096, 1.15)
    private static final double TINY_MU = 0.5 + (1.15 - 0.5) * (64 - 256) / (4096 - 256);
    // sigmoid(0) = 0.5 after the shift
    private static final double SHIFTED_HALF = Math.exp(TINY_MU) / (Math.exp(TINY_MU) + 1);

    @Test
    void weightedMseCountsEditedPixelsByTheirWeight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 1 channel, 2x2 pixels, error 1 everywhere; one pixel weighs 7 (a 1-in-4 edit would weigh log2(4) + 1 = 3)
            NDArray predicted = manager.ones(new Shape(1, 1, 2, 2));
            NDArray target = manager.zeros(new Shape(1, 1, 2, 2));
            NDArray weights = manager.create(new float[] {7f, 1f, 1f, 1f}, new Shape(1, 1, 2, 2));
            assertEquals((7 + 1 + 1 + 1) / 4f, FlowMatchingObjective.loss(predicted, target, weights).getFloat(),
                    1e-6);
            assertEquals(1f, FlowMatchingObjective.loss(predicted, target, null).getFloat(), 1e-6);
        }
    }

    @Test
    void uniformWeightsEqualTheUnweightedLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray predicted = manager.randomNormal(new Shape(2, 3, 4, 4));
            NDArray target = manager.randomNormal(new Shape(2, 3, 4, 4));
            assertArrayEquals(FlowMatchingObjective.loss(predicted, target, null).toFloatArray(),
                    FlowMatchingObjective.loss(predicted, target, manager.ones(new Shape(2, 1, 4, 4)))
                            .toFloatArray(), 1e-6f);
        }
    }

    @Test
    void sigmaIsTheShiftedSigmoidOfANormal() {
        // n = 0 -> sigmoid 0.5 -> shift e^mu / (e^mu + 1): above 0.5 for mu > 0
        float[] s = DiffusionPhase.sigmas(new double[] {0, -40, 40}, new double[6], 0, Presets.tiny());
        assertEquals(SHIFTED_HALF, s[0], 1e-6);
        assertTrue(s[1] >= 0 && s[1] < 1e-6);
        assertEquals(1f, s[2], 1e-6);
    }

    @Test
    void aHighNoiseShareDrawsThatShareUniformlyFromTheTopOfTheRange() {
        // Given 4000 samples whose normals alone would put them at sigmoid(0) shifted, about 0.61
        int n = 4000;
        double[] normals = new double[n];
        java.util.Random rng = new java.util.Random(5);
        double[] uniforms = new double[2 * n];
        for (int i = 0; i < uniforms.length; i++) {
            uniforms[i] = rng.nextDouble();
        }
        // When a quarter is drawn from the high-noise range
        float[] s = DiffusionPhase.sigmas(normals, uniforms, 0.25, Presets.tiny());
        // Then about a quarter lie in [0.9, 1), spread over it, and the rest keep the logit-normal's value
        int high = 0;
        double sum = 0;
        for (float sigma : s) {
            if (sigma >= Recipe.HIGH_NOISE_FLOOR) {
                high++;
                sum += sigma;
                assertTrue(sigma < 1);
            } else {
                assertEquals(SHIFTED_HALF, sigma, 1e-6);
            }
        }
        assertEquals(0.25, (double) high / n, 0.03);
        assertEquals(0.95, sum / high, 0.01);
    }
}
