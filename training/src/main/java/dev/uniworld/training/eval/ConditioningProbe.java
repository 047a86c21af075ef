package dev.uniworld.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.connector.ContextFusion;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import dev.uniworld.model.tokenizer.PromptBuilder;

/**
 * What a text-to-image DiT reads: its clean-image prediction x0 = x - sigma v from one input of pure noise, labelled
 * with each of several noise levels, and how far that prediction moves when the prompt changes, when the noise seed
 * changes, and when one patch of the input is brightened. Where the sampler starts (sigma 1) the input holds nothing
 * of the image, so a model that has learned its data predicts there from the prompt alone: the prompt should move
 * the prediction, the seed and the patch should not. A model that reads the noise as if it were a faint image does
 * the opposite, and its samples follow the seed.
 */
public final class ConditioningProbe {

    /** Noise levels the probe labels its input with, from where the sampler starts. */
    public static final double[] SIGMAS = {1.0, 0.95, 0.9, 0.7, 0.5};

    /** How much the brightened patch is raised, in the model's [-1, 1] pixel units. */
    public static final float BUMP = 1f;

    private final UniWorldModel model;
    private final PromptBuilder prompts;

    public ConditioningProbe(UniWorldModel model, PromptBuilder prompts) {
        this.model = model;
        this.prompts = prompts;
    }

    /**
     * @param prompt the prompt every figure starts from
     * @param other the prompt it is compared with
     * @param seed the noise seed of the input; the seed effect compares it with {@code seed + 1}
     */
    public ConditioningFigures measure(String prompt, String other, long seed) {
        FusedContext context = conditioning(prompt);
        FusedContext otherContext = conditioning(other);
        int side = model.config().latentSize();
        int channels = model.config().latent().channels();
        int patch = model.config().dit().patchSize();
        float[] noise = FlowMatchEulerSampler.noise(seed, channels * side * side);
        float[] otherNoise = FlowMatchEulerSampler.noise(seed + 1, channels * side * side);
        // the patch at the middle of the grid, brightened in every channel
        int[] middlePatch = patchIndices(channels, side, (side / patch / 2) * patch, patch);
        float[] bumped = noise.clone();
        for (int i : middlePatch) {
            bumped[i] += BUMP;
        }
        int n = SIGMAS.length;
        double[] rms = new double[n];
        double[] promptEffect = new double[n];
        double[] seedEffect = new double[n];
        double[] patchGain = new double[n];
        for (int k = 0; k < n; k++) {
            float[] base = cleanImage(context, noise, SIGMAS[k]);
            rms[k] = rms(base);
            promptEffect[k] = rmsDifference(base, cleanImage(otherContext, noise, SIGMAS[k]));
            seedEffect[k] = rmsDifference(base, cleanImage(context, otherNoise, SIGMAS[k]));
            float[] withBump = cleanImage(context, bumped, SIGMAS[k]);
            double squared = 0;
            for (int i : middlePatch) {
                squared += Math.pow(withBump[i] - base[i], 2);
            }
            patchGain[k] = Math.sqrt(squared / middlePatch.length) / BUMP;
        }
        return new ConditioningFigures(prompt, other, seed, rms(context.context().data()),
                rmsDifference(context.context().data(), otherContext.context().data()), SIGMAS.clone(), rms,
                promptEffect, seedEffect, patchGain);
    }

    private FusedContext conditioning(String prompt) {
        return model.fuse(model.encodeVlm(new int[][] {prompts.build(prompt, 0)}, null), null, null, null);
    }

    /** x0 = x - sigma v for one input x [1, C, h, w] labelled with noise level sigma. */
    private float[] cleanImage(FusedContext c, float[] input, double sigma) {
        int side = model.config().latentSize();
        try (NDManager sub = model.manager().newSubManager()) {
            NDArray context = c.context().toNDArray(sub); // [1, L, C]
            NDArray keep = ContextFusion.lengthMask(sub, c.lengths(), Math.toIntExact(context.getShape().get(1)));
            NDArray x = sub.create(input, new Shape(1, model.config().latent().channels(), side, side));
            NDArray velocity = model.network().dit().forward(new ParameterStore(sub, false), x,
                    sub.full(new Shape(1), (float) sigma), context, keep, c.pooled().toNDArray(sub),
                    sub.full(new Shape(1), (float) model.config().sampler().guidance()), c.referenceStarts(), false);
            return x.sub(velocity.mul((float) sigma)).toFloatArray();
        }
    }

    /** Flat indices into [C, side, side] of every value of the patch whose top-left pixel is (corner, corner). */
    static int[] patchIndices(int channels, int side, int corner, int patch) {
        int[] out = new int[channels * patch * patch];
        int n = 0;
        for (int c = 0; c < channels; c++) {
            for (int row = corner; row < corner + patch; row++) {
                for (int column = corner; column < corner + patch; column++) {
                    out[n++] = (c * side + row) * side + column;
                }
            }
        }
        return out;
    }

    static double rms(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / values.length);
    }

    /** Root mean square of a - b over the shorter of the two (contexts of prompts of different lengths). */
    static double rmsDifference(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum / n);
    }
}
