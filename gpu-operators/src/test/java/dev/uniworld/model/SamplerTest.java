package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void landsOnTheExactSolutionOfAStraightFlow() {
        // Given the exact velocity of the rectified flow towards one data point x0: v(x, s) = (x - x0) / s,
        // whose solution from x(1) = noise is x(s) = (1 - s) x0 + s noise, so x(0) = x0
        SamplerConfig config = SamplerConfig.fluxDefaults();
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(config, 1024);
        float[] x0 = FlowMatchEulerSampler.noise(1, 256);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.create(x0);
            NDArray x = manager.create(FlowMatchEulerSampler.noise(2, 256));
            // When
            for (int i = 0; i < sampler.steps(); i++) {
                NDArray velocity = x.sub(target).div((float) sampler.sigma(i));
                x = sampler.step(velocity, i, x);
            }
            // Then
            float error = TestModels.maxAbsDiff(x0, x.toFloatArray());
            assertTrue(error < 1e-4, "error " + error);
        }
    }

    @Test
    void constantVelocityMovesByItsIntegral() {
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(SamplerConfig.fluxDefaults().withSteps(5), 256);
        float[] x = {2f, -1f};
        for (int i = 0; i < sampler.steps(); i++) {
            x = sampler.step(new float[] {0.5f, 1f}, i, x);
        }
        // sigma goes 1 -> 0, so x(0) = x(1) - v
        assertEquals(1.5f, x[0], 1e-6);
        assertEquals(-2f, x[1], 1e-6);
    }

    @Test
    void scheduleIsShiftedLinspaceEndingAtZero() {
        SamplerConfig noShift = new SamplerConfig(4, 3.5, 1, false, 0.5, 1.15, 256, 4096, 0, 0, 1, 0, 0);
        double[] plain = new FlowMatchEulerSampler(noShift, 256).sigmas();
        double[] expected = {1, 0.75, 0.5, 0.25, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], plain[i], 1e-12);
        }
        double[] shifted = new FlowMatchEulerSampler(noShift.withSteps(4).withCfgScale(1), 4096).sigmas();
        assertEquals(0.5, shifted[2], 1e-12); // no shift requested
        SamplerConfig withShift = new SamplerConfig(4, 3.5, 1, true, 0.5, 1.15, 256, 4096, 0, 0, 1, 0, 0);
        double[] large = new FlowMatchEulerSampler(withShift, 4096).sigmas();
        double e = Math.exp(1.15);
        assertEquals(e / (e + 1), large[2], 1e-12); // mu = maxShift at 4096 tokens, sigma 0.5
        assertEquals(1.0, large[0], 1e-12);
        assertEquals(0.0, large[4], 0);
        for (int i = 1; i < large.length; i++) {
            assertTrue(large[i] < large[i - 1]);
        }
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.fluxDefaults().withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.fluxDefaults().withCfgScale(0.5));
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.fluxDefaults().withCfgScales(3, 0.5));
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(SamplerConfig.fluxDefaults().withSteps(2), 256);
        assertThrows(IllegalArgumentException.class, () -> sampler.step(new float[1], 2, new float[1]));
    }

    @Test
    void classifierFreeGuidanceExtrapolatesFromUnconditional() {
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(
                SamplerConfig.fluxDefaults().withCfgScale(3), 256);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray guided = sampler.guide(manager.create(new float[] {2f}, new Shape(1, 1, 1, 1)),
                    manager.create(new float[] {1f}, new Shape(1, 1, 1, 1)), new double[] {3});
            assertEquals(4f, guided.getFloat(0, 0, 0, 0), 1e-6);
            // Per sample: scale 3 extrapolates, scale 1 keeps the conditional velocity.
            NDArray mixed = sampler.guide(manager.create(new float[] {2f, 2f}, new Shape(2, 1, 1, 1)),
                    manager.create(new float[] {1f, 1f}, new Shape(2, 1, 1, 1)), new double[] {3, 1});
            assertEquals(4f, mixed.getFloat(0, 0, 0, 0), 1e-6);
            assertEquals(2f, mixed.getFloat(1, 0, 0, 0), 1e-6);
            assertThrows(IllegalArgumentException.class, () -> sampler.guide(manager.create(new float[] {2f, 2f},
                    new Shape(2, 1, 1, 1)), manager.create(new float[] {1f, 1f}, new Shape(2, 1, 1, 1)),
                    new double[] {3}));
        }
    }
}
