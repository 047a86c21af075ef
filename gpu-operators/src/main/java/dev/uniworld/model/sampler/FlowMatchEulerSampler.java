package dev.uniworld.model.sampler;

import ai.djl.ndarray.NDArray;
import dev.uniworld.model.config.SamplerConfig;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Rectified-flow Euler sampler (FLUX): x_sigma = (1 - sigma) x0 + sigma noise, the model predicts v = noise - x0, and
 * x moves from sigma = 1 (noise) to sigma = 0 by x <- x + (sigma_next - sigma) v. Sigmas are linspace(1, 1/N, N), shifted
 * towards noise for larger images (more tokens need more steps at high noise), followed by a final 0.
 */
public final class FlowMatchEulerSampler {

    private final SamplerConfig config;
    private final double[] sigmas;

    /**
     * @param config validated settings
     * @param imageTokens DiT image tokens per sample; sets the resolution shift
     */
    public FlowMatchEulerSampler(SamplerConfig config, int imageTokens) {
        this.config = Objects.requireNonNull(config, "config");
        if (imageTokens <= 0) {
            throw new IllegalArgumentException("imageTokens must be > 0");
        }
        this.sigmas = schedule(config, imageTokens);
    }

    /** steps + 1 sigmas from 1 down to 0. */
    static double[] schedule(SamplerConfig config, int imageTokens) {
        int n = config.steps();
        double[] out = new double[n + 1];
        double mu = shiftExponent(config, imageTokens);
        for (int i = 0; i < n; i++) {
            double sigma = n == 1 ? 1.0 : 1.0 - i * (1.0 - 1.0 / n) / (n - 1);
            out[i] = config.resolutionShift() ? timeShift(mu, sigma) : sigma;
        }
        out[n] = 0;
        return out;
    }

    /**
     * FLUX's mu: linear in the image token count between (baseSeqLen, baseShift) and (maxSeqLen, maxShift). Training
     * shifts its sigmas with the same mu, so that it trains the noise levels this sampler visits.
     */
    public static double shiftExponent(SamplerConfig c, int imageTokens) {
        double slope = (c.maxShift() - c.baseShift()) / (c.maxSeqLen() - c.baseSeqLen());
        return c.baseShift() + slope * (imageTokens - c.baseSeqLen());
    }

    /** FLUX's time shift: e^mu / (e^mu + 1/sigma - 1); maps 1 to 1 and pushes intermediate sigmas up for mu > 0. */
    public static double timeShift(double mu, double sigma) {
        double e = Math.exp(mu);
        return e / (e + (1.0 / sigma - 1.0));
    }

    public int steps() {
        return config.steps();
    }

    public SamplerConfig config() {
        return config;
    }

    /** Noise level at step i (0 <= i <= steps; sigma(steps) = 0). */
    public double sigma(int step) {
        return sigmas[step];
    }

    /** A copy of all steps + 1 sigmas. */
    public double[] sigmas() {
        return sigmas.clone();
    }

    /**
     * One Euler step.
     *
     * @param velocity model output at (sample, sigma(step)), same shape as sample
     * @param step index t of the current sigma, 0 <= t < steps
     * @param sample x at sigma(step)
     * @return x at sigma(step + 1), a new array in sample's manager
     */
    public NDArray step(NDArray velocity, int step, NDArray sample) {
        checkStep(step);
        return sample.add(velocity.mul((float) (sigmas[step + 1] - sigmas[step])));
    }

    /** {@link #step(NDArray, int, NDArray)} on host arrays, in place-free form. */
    public float[] step(float[] velocity, int step, float[] sample) {
        checkStep(step);
        float dt = (float) (sigmas[step + 1] - sigmas[step]);
        float[] next = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            next[i] = sample[i] + dt * velocity[i];
        }
        return next;
    }

    /** Classifier-free guidance: uncond + scale * (cond - uncond). */
    public NDArray guide(NDArray conditional, NDArray unconditional) {
        return unconditional.add(conditional.sub(unconditional).mul((float) config.cfgScale()));
    }

    /** Standard normal noise from a seed, drawn on the host so that it is the same on every device. */
    public static float[] noise(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private void checkStep(int step) {
        if (step < 0 || step >= config.steps()) {
            throw new IllegalArgumentException("step must be in [0, " + config.steps() + "), was " + step);
        }
    }
}
