package dev.uniworld.model.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.config.SamplerConfig;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Rectified-flow Euler sampler (FLUX): x_sigma = (1 - sigma) x0 + sigma noise, the model predicts v = noise - x0, and
 * x moves from sigma = 1 (noise) to sigma = 0 by x <- x + (sigma_next - sigma) v. Sigmas are linspace(1, 1/N, N),
 * shifted towards noise for larger images (more tokens need more steps at high noise), followed by a final 0.
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

    /**
     * A step that draws part of its noise afresh. The velocity splits the sample into its clean-image estimate
     * x0 = x - sigma v and noise estimate n = x + (1 - sigma) v; the next sample is (1 - sigma') x0 + sigma' n' with
     * n' = sqrt(1 - c) n + sqrt(c) fresh, c being the sample's share. That is the Euler step plus
     * sigma' ((sqrt(1 - c) - 1) n + sqrt(c) fresh), computed so, so that a share of 0 gives the Euler step to the bit;
     * above 0 the later steps may redraw what the first ones left soft, at the price of following the first
     * prediction less. (Where the DiT derives v from an image prediction, x0 is that prediction wherever sigma lies
     * above DitConfig's floor: at every step that draws noise, for the tiny preset's samplers of up to 62 steps.)
     *
     * @param velocity [B, C, h, w] model output at (sample, sigma(step)); the result lives in its manager
     * @param step index t of the current sigma, 0 <= t < steps
     * @param sample [B, C, h, w] x at sigma(step)
     * @param fresh [B, C, h, w] standard normal noise
     * @param shares per sample, the share c in [0, 1]
     * @return [B, C, h, w] x at sigma(step + 1)
     */
    public NDArray stochasticStep(NDArray velocity, int step, NDArray sample, NDArray fresh, double[] shares) {
        checkStep(step);
        int batch = Math.toIntExact(sample.getShape().get(0));
        if (shares.length != batch) {
            throw new IllegalArgumentException(batch + " samples need " + batch + " shares, got " + shares.length);
        }
        float[] keepLess = new float[batch];
        float[] draw = new float[batch];
        for (int b = 0; b < batch; b++) {
            SamplerConfig.requireShare("share of sample " + b, shares[b]);
            keepLess[b] = (float) (Math.sqrt(1 - shares[b]) - 1);
            draw[b] = (float) Math.sqrt(shares[b]);
        }
        NDManager manager = velocity.getManager();
        Shape perSample = new Shape(batch, 1, 1, 1);
        double sigma = sigmas[step];
        double next = sigmas[step + 1];
        NDArray euler = velocity.mul((float) (next - sigma)).add(sample); // [B, C, h, w]
        NDArray noise = velocity.mul((float) (1 - sigma)).add(sample); // [B, C, h, w]
        NDArray redraw = noise.mul(manager.create(keepLess, perSample)).add(fresh.mul(manager.create(draw, perSample)));
        return euler.add(redraw.mul((float) next));
    }

    /** Whether step t draws fresh noise: only with a fresh-noise share, and never on the last step (sigma' = 0). */
    public boolean drawsFreshNoise(int step) {
        return config.drawsFreshNoise() && step < config.steps() - 1;
    }

    /**
     * The fresh noise of one sample at one step: standard normal, seeded by the sample's seed and the step, so that an
     * image depends neither on its batch nor on the device.
     */
    public static float[] stepNoise(long seed, int step, int count) {
        // the (step + 1)-th split of the seed's generator: an independent stream (a seed offset by a multiple of the
        // generator's increment would replay the starting noise shifted by a few values, and correlate with it)
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < step; i++) {
            stream = root.split();
        }
        return gaussians(stream, count);
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

    /**
     * Classifier-free guidance, uncond + scale * (cond - uncond), with each sample's own scale: a scale of 1 returns
     * the conditional velocity, so guided and unguided samples can share a batch.
     *
     * @param conditional [B, C, h, w]
     * @param unconditional [B, C, h, w]
     * @param scales one scale per sample, B of them
     */
    public NDArray guide(NDArray conditional, NDArray unconditional, double[] scales) {
        if (scales.length != conditional.getShape().get(0)) {
            throw new IllegalArgumentException(scales.length + " CFG scales for a batch of "
                    + conditional.getShape().get(0) + " samples; give one per sample");
        }
        float[] perSample = new float[scales.length];
        for (int b = 0; b < scales.length; b++) {
            perSample[b] = (float) scales[b];
        }
        NDArray scale = conditional.getManager().create(perSample, new Shape(scales.length, 1, 1, 1)); // [B, 1, 1, 1]
        return unconditional.add(conditional.sub(unconditional).mul(scale));
    }

    /** Standard normal noise from a seed, drawn on the host so that it is the same on every device. */
    public static float[] noise(long seed, int count) {
        return gaussians(new SplittableRandom(seed), count);
    }

    private static float[] gaussians(SplittableRandom random, int count) {
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
