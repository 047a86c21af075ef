package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.latent.ConvAutoencoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in for FLUX's pretrained VAE, for models that denoise a latent: the {@link ConvAutoencoder} learns to
 * reconstruct ShapesWorld pictures (mean squared error), then its latent statistics are measured on held-back training
 * images so that the DiT sees latents of about zero mean and unit spread, and it is frozen from here on.
 */
final class AutoencoderPhase extends Phase {

    /** Batches of the statistics pass: enough images that each channel's mean and spread settle. */
    static final int STATISTICS_BATCHES = 8;

    private final UniWorldModel model;
    private final TrainingData data;
    private final Recipe recipe;

    AutoencoderPhase(UniWorldModel model, TrainingData data, Recipe recipe) {
        this.model = model;
        this.data = data;
        this.recipe = recipe;
    }

    @Override
    String name() {
        return "autoencoder";
    }

    @Override
    int steps() {
        return recipe.autoencoderSteps();
    }

    @Override
    float peakLr() {
        return recipe.encoderLr();
    }

    @Override
    Map<String, Parameter> trainable() {
        Map<String, Parameter> out = new LinkedHashMap<>(Phases.withPrefix(model.parameters(), "decode."));
        ConvAutoencoder.STATISTICS.forEach(name -> out.remove("decode." + name));
        return out;
    }

    @Override
    Object prepare(NDManager sub, int step) {
        return Phases.images(sub, data.autoencoderBatch(step), model.config().imageSize()); // [B, 3, H, W]
    }

    @Override
    NDArray loss(ParameterStore store, Object batch) {
        NDArray pixels = (NDArray) batch;
        ConvAutoencoder autoencoder = model.network().autoencoder();
        // the statistics are still (0, 1) here, so encode and decode are the raw maps
        return autoencoder.decode(store, autoencoder.encode(store, pixels, true), true).sub(pixels).square().mean();
    }

    /** Measures each latent channel's mean and standard deviation and stores them as the latent's shift and scale. */
    @Override
    void finish() {
        ConvAutoencoder autoencoder = model.network().autoencoder();
        int channels = model.config().latent().channels();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        long perChannel = 0;
        for (int b = 0; b < STATISTICS_BATCHES; b++) {
            try (NDManager sub = model.manager().newSubManager()) {
                // steps past the phase's own, so that the statistics come from images it did not train on
                List<float[]> images = data.autoencoderBatch(recipe.autoencoderSteps() + b);
                NDArray raw = autoencoder.encodeRaw(new ParameterStore(sub, false),
                        Phases.images(sub, images, model.config().imageSize()), false); // [B, C, h, w]
                float[] values = raw.transpose(1, 0, 2, 3).toFloatArray(); // channel-major
                int each = values.length / channels;
                for (int c = 0; c < channels; c++) {
                    for (int i = c * each; i < (c + 1) * each; i++) {
                        sum[c] += values[i];
                        squares[c] += (double) values[i] * values[i];
                    }
                }
                perChannel += each;
            }
        }
        float[] shift = new float[channels];
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            double mean = sum[c] / perChannel;
            shift[c] = (float) mean;
            scale[c] = (float) Math.max(Math.sqrt(Math.max(0, squares[c] / perChannel - mean * mean)), 1e-3);
        }
        autoencoder.setStatistics(shift, scale);
    }
}
