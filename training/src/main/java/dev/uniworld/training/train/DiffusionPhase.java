package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.UniWorldNetwork;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.connector.FusedArrays;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import dev.uniworld.model.sampler.FlowMatchingObjective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 1 (text to image: VLM frozen, no SigLIP features, VLM->DiT connector and DiT trained) and stage 2 (editing,
 * perception and text to image: the SigLIP->DiT connector joins). The DiT trains in both stages because, unlike
 * FLUX in the reference, ours starts from scratch. Loss: rectified-flow velocity MSE, per-pixel weighted; in stage 2,
 * where the recipe weighs them, plus the losses of training-only heads on the image tokens ({@link TokenHeads}).
 */
final class DiffusionPhase extends Phase {

    private final UniWorldModel model;
    private final TrainingData data;
    private final Recipe recipe;
    private final int stage;
    private final TokenHeads heads;

    DiffusionPhase(UniWorldModel model, TrainingData data, Recipe recipe, int stage) {
        this.model = model;
        this.data = data;
        this.recipe = recipe;
        this.stage = stage;
        this.heads = TokenHeads.of(recipe, stage, model.manager(), model.config().dit().hidden());
    }

    /** @param heads the token heads' labels, null without a head */
    record Batch(NDArray hidden, int[][] ids, NDArray siglip, NDArray noisy, NDArray sigma, NDArray target,
            NDArray weights, NDArray guidance, TokenHeads.Targets heads) {
    }

    @Override
    String name() {
        return "stage" + stage;
    }

    @Override
    int steps() {
        return stage == 1 ? recipe.stage1Steps() : recipe.stage2Steps();
    }

    @Override
    float peakLr() {
        return recipe.ditLr();
    }

    /** Both connectors and the DiT (the SigLIP connector gets no gradient in stage 1: nothing reaches it). */
    @Override
    Map<String, Parameter> trainable() {
        Map<String, Parameter> out = trainableOf(model, stage);
        out.putAll(extraState());
        return out;
    }

    @Override
    Map<String, Parameter> extraState() {
        return heads.parameters();
    }

    @Override
    void finish() {
        heads.close();
    }

    static Map<String, Parameter> trainableOf(UniWorldModel model, int stage) {
        Map<String, Parameter> out = new LinkedHashMap<>(Phases.withPrefix(model.parameters(), "dit."));
        out.putAll(Phases.withPrefix(model.parameters(), "fusion.vlm_connector."));
        if (stage == 2) {
            out.putAll(Phases.withPrefix(model.parameters(), "fusion.siglip_connector."));
        }
        return out;
    }

    /** Parameters the EMA follows through both stages. */
    static Map<String, Parameter> emaTracked(UniWorldModel model) {
        return trainableOf(model, 2);
    }

    @Override
    Object prepare(NDManager sub, int step) {
        return prepare(sub, data.ditBatch(stage, step), step);
    }

    /**
     * The batch of {@code examples} with the noise, sigma and blur draws of {@code step}: a training step passes its
     * own examples, a test may pass samples it chose.
     */
    Batch prepare(NDManager sub, List<TrainingData.DitExample> examples, int step) {
        UniWorldConfig config = model.config();
        int b = examples.size();
        int side = config.latentSize();
        int perSample = config.latent().channels() * side * side;
        // Step 1: the frozen encoders (no tape)
        int[][] ids = examples.stream().map(TrainingData.DitExample::promptIds).toArray(int[][]::new);
        List<float[]> inputs = new ArrayList<>();
        examples.forEach(e -> inputs.addAll(e.inputs()));
        NDArray images = Phases.images(sub, inputs, config.imageSize());
        ParameterStore frozen = new ParameterStore(sub, false);
        UniWorldNetwork network = model.network();
        NDArray hidden = network.vlm().conditioning(frozen, network.vlm().padTokenIds(sub, ids), images,
                config.connector().tokenEmbeddings(), false); // [B, T, Dv or 2Dv]
        NDArray siglip = images == null ? null : network.siglip().forward(frozen, images, false);
        // Step 2: x0 (the target's latent, through the frozen autoencoder unless the DiT denoises pixels), noise,
        // sigma = shift(sigmoid(N(0, 1))), the noisy input and the velocity target
        int pixelsPerSample = 3 * config.imageSize() * config.imageSize();
        int down = config.latent().downsample();
        float[] targets = new float[b * pixelsPerSample];
        float[] weights = new float[b * side * side];
        for (int i = 0; i < b; i++) {
            System.arraycopy(examples.get(i).target(), 0, targets, i * pixelsPerSample, pixelsPerSample);
            float[] w = examples.get(i).weights(); // per pixel, constant over each token's cell
            for (int row = 0; row < side; row++) {
                for (int column = 0; column < side; column++) {
                    weights[(i * side + row) * side + column] = w == null ? 1f
                            : w[row * down * config.imageSize() + column * down];
                }
            }
        }
        Shape latent = new Shape(b, config.latent().channels(), side, side);
        Shape imageShape = new Shape(b, 3, config.imageSize(), config.imageSize());
        NDArray clean = encode(sub.create(targets, imageShape)); // [B, C, h, w]
        NDArray noise = sub.create(data.noise(stage, step, b * perSample), latent);
        float[] sigmaValues = sigmas(data.sigmaNormals(stage, step, b), data.highNoiseDraws(stage, step, b),
                recipe.highNoiseShare(), config);
        NDArray sigma = sub.create(sigmaValues);
        NDArray noisy;
        NDArray target;
        if (stage == 2 && recipe.blurShare() > 0) {
            // Some inputs are made from a blurred target; every target velocity leads to the sharp one
            float[] sources = targets.clone();
            NDArray picked = sub.create(blurInputs(sources, sigmaValues, data.blurDraws(stage, step, b),
                    recipe.blurShare(), config.imageSize()), new Shape(b, 1, 1, 1));
            // exactly the clean latent where nothing was blurred, whatever the encoder does with a batch
            NDArray source = clean.mul(picked.neg().add(1f)).add(encode(sub.create(sources, imageShape)).mul(picked));
            noisy = FlowMatchingObjective.noisy(source, noise, sigma);
            target = FlowMatchingObjective.restoringTarget(clean, source, noise, sigma);
        } else {
            noisy = FlowMatchingObjective.noisy(clean, noise, sigma);
            target = FlowMatchingObjective.target(clean, noise);
        }
        NDArray guidance = sub.full(new Shape(b), (float) config.sampler().guidance());
        return new Batch(hidden, ids, siglip, noisy, sigma, target, sub.create(weights, new Shape(b, 1, side, side)),
                guidance, heads.targets(sub, examples, config.imageTokens()));
    }

    /** Pixels [B, 3, H, W] to what the DiT denoises: themselves, or the frozen autoencoder's latent. */
    private NDArray encode(NDArray pixels) {
        return model.config().latent().pixelSpace() ? pixels : model.codec().encode(pixels);
    }

    /**
     * Blurs, in place, the images of the samples that {@link Recipe#blurShare} picks: those whose first draw falls
     * below the share and whose sigma is at least {@link Recipe#BLUR_SIGMA_FLOOR}, with a radius from 1 to
     * {@link Recipe#MAX_BLUR_RADIUS} by the second draw. Below the floor the 8-step sampler never runs the DiT, and
     * the velocity loss, the clean image's error over sigma squared, would weigh a blurred input's residue heavily.
     *
     * @param images [B, 3, side, side] row-major
     * @param uniforms two uniform [0, 1) draws per sample
     * @return per sample, 1 where its image was blurred and 0 elsewhere
     */
    static float[] blurInputs(float[] images, float[] sigmas, double[] uniforms, double share, int side) {
        int perImage = 3 * side * side;
        float[] blurred = new float[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            if (uniforms[2 * i] < share && sigmas[i] >= Recipe.BLUR_SIGMA_FLOOR) {
                int radius = 1 + Math.min(Recipe.MAX_BLUR_RADIUS - 1,
                        (int) (uniforms[2 * i + 1] * Recipe.MAX_BLUR_RADIUS));
                BoxBlur.blur(images, i * perImage, 3, side, radius);
                blurred[i] = 1;
            }
        }
        return blurred;
    }

    @Override
    NDArray loss(ParameterStore store, Object prepared) {
        Batch batch = (Batch) prepared;
        UniWorldNetwork network = model.network();
        FusedArrays fused = network.fusion().fuse(store, batch.hidden(), batch.ids(), batch.siglip(), null, null,
                true); // [B, L, C]
        NDList out = network.velocityWithImageTokens(store, batch.noisy(), batch.sigma(), fused, batch.guidance(),
                true); // velocity [B, C, h, w], image tokens [B, N, D]
        NDArray velocityLoss = FlowMatchingObjective.loss(out.get(0), batch.target(), batch.weights()).mean();
        return heads.addTo(velocityLoss, store, out.get(1), batch.heads());
    }

    /**
     * sigma = sigmoid(n), then FLUX's time shift with the sampler's mu for this many image tokens; with a high-noise
     * share, sample i instead takes sigma uniform in [{@link Recipe#HIGH_NOISE_FLOOR}, 1) when its first draw falls
     * below the share.
     *
     * @param normals one standard normal per sample
     * @param uniforms two uniform [0, 1) draws per sample: whether to take a high-noise sigma, and where in the range
     */
    static float[] sigmas(double[] normals, double[] uniforms, double highNoiseShare, UniWorldConfig config) {
        SamplerConfig s = config.sampler();
        double mu = FlowMatchEulerSampler.shiftExponent(s, config.imageTokens());
        float[] out = new float[normals.length];
        for (int i = 0; i < normals.length; i++) {
            double sigma = 1 / (1 + Math.exp(-normals[i]));
            out[i] = (float) (s.resolutionShift() ? FlowMatchEulerSampler.timeShift(mu, sigma) : sigma);
            if (uniforms[2 * i] < highNoiseShare) {
                out[i] = (float) (Recipe.HIGH_NOISE_FLOOR + (1 - Recipe.HIGH_NOISE_FLOOR) * uniforms[2 * i + 1]);
            }
        }
        return out;
    }
}
