package dev.uniworld.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.config.ConnectorConfig;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.util.SplittableRandom;

/** Shared fixtures: a micro config for loops, prompts and seeded images. */
public final class TestModels {

    static final WordTokenizer TOKENIZER = WordTokenizer.tinyVocabulary();

    private TestModels() {
    }

    /** Smaller than tiny (one layer each, 32x32) for tests that run many passes. */
    static UniWorldConfig micro() {
        return new UniWorldConfig("micro", 32,
                new VlmConfig(256, 32, 1, 2, 1, 64, 10_000, 1e-6, new VitConfig(32, 8, 16, 1, 2, 32, 1e-6), 2, 2),
                new VitConfig(32, 8, 16, 1, 2, 32, 1e-6),
                new ConnectorConfig(32, 64, 0, false),
                new DitConfig(32, 2, 1, 1, 2, 4, 16, true, 10_000, true, false, false, false),
                LatentConfig.pixels(),
                SamplerConfig.fluxDefaults().withSteps(2));
    }

    static UniWorldConfig tiny() {
        return Presets.tiny();
    }

    static PromptBuilder prompts(UniWorldConfig config) {
        return new PromptBuilder(TOKENIZER, config.vlm().tokensPerImage());
    }

    /** n images [n, 3, size, size] uniform in [-1, 1]. */
    static HostTensor images(int n, int size, long seed) {
        return new HostTensor(uniforms(n * 3 * size * size, seed), new long[] {n, 3, size, size});
    }

    /** n seeded values uniform in [-1, 1]. */
    public static float[] uniforms(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return out;
    }

    /** Seeded fused-context stand-ins for calling the DiT directly: [batch, length, width] uniform in [-1, 1]. */
    static NDArray contextTokens(NDManager manager, int batch, int length, int width) {
        int side = (int) Math.ceil(Math.sqrt(length * width / 3.0)); // an image holds at least length * width values
        return images(batch, side, 2).toNDArray(manager).reshape(batch, -1).get(":, :" + length * width)
                .reshape(batch, length, width);
    }

    /** Seeded pooled-vector stand-ins: [batch, width] uniform in [-1, 1]; width at most 192. */
    static NDArray pooledVectors(NDManager manager, int batch, int width) {
        return images(batch, 8, 3).toNDArray(manager).reshape(batch, -1).get(":, :" + width);
    }

    /**
     * One pass of the DiT of {@code config} (seed 5) over seeded inputs, sample i at {@code sigmas[i]}, all at guidance
     * 3.5, copied into {@code into} so that it outlives the model.
     *
     * @param referenceStarts per sample, where its reference tokens start in the context, as {@code DitModel.forward}
     *     takes them; null for none
     * @return [sigmas.length, 3, h, w]
     */
    static NDArray ditOutput(UniWorldConfig config, float[] sigmas, int contextLength, int[][] referenceStarts,
            NDManager into) {
        int batch = sigmas.length;
        try (UniWorldModel model = UniWorldModel.create(config, 5); NDManager sub = model.manager().newSubManager()) {
            int width = config.connector().contextDim();
            NDArray context = contextTokens(sub, batch, contextLength, width); // [B, L, C]
            NDArray pooled = pooledVectors(sub, batch, width); // [B, C]
            NDArray latents = images(batch, config.latentSize(), 1).toNDArray(sub); // [B, 3, h, w]
            NDArray out = model.network().dit().forward(new ParameterStore(sub, false), latents, sub.create(sigmas),
                    context, sub.ones(new Shape(batch, contextLength)), pooled, sub.full(new Shape(batch), 3.5f),
                    referenceStarts, false);
            return into.create(out.toFloatArray(), out.getShape());
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        return maxAbsDiff(a, b, 0, a.length);
    }

    /** The largest |a[i] - b[i]| over i in [from, to), e.g. one sample's half of a batch of two. */
    static float maxAbsDiff(float[] a, float[] b, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
