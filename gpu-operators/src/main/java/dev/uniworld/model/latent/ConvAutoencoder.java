package dev.uniworld.model.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small convolutional autoencoder between pixels and the DiT's latent, standing in for FLUX's VAE (which the
 * reference uses frozen and pretrained): deterministic, trained on reconstruction before the diffusion stages, then
 * frozen. The encoder halves the side log2(f) times with stride-2 4x4 convolutions; the decoder doubles it back with
 * nearest-neighbour upsampling and 3x3 convolutions (no transposed convolutions, whose uneven overlap leaves a
 * checkerboard on flat backgrounds). Layers at full resolution are {@code width} wide, all coarser ones twice that.
 * Like FLUX's VAE, the latent is shifted and scaled to about zero mean and unit spread per channel, the noise's, by two
 * stored vectors that training sets from the trained encoder's statistics and never updates by gradient.
 */
public final class ConvAutoencoder extends ModelBlock {

    /** Names of the two latent statistics, which training sets and no optimizer touches. */
    public static final Set<String> STATISTICS = Set.of("latent_shift", "latent_scale");

    private final Conv2dLayer encoderStem;
    private final List<Conv2dLayer> downs = new ArrayList<>();
    private final Conv2dLayer encoderHead;
    private final Conv2dLayer decoderStem;
    private final List<Conv2dLayer> ups = new ArrayList<>();
    private final Conv2dLayer decoderHead;
    private final Parameter latentShift;
    private final Parameter latentScale;

    public ConvAutoencoder(LatentConfig config) {
        if (config.pixelSpace()) {
            throw new IllegalArgumentException("pixel space needs no autoencoder");
        }
        int halvings = Integer.numberOfTrailingZeros(config.downsample());
        if (Integer.bitCount(config.downsample()) != 1 || halvings < 1) {
            throw new IllegalArgumentException("the autoencoder's downsample must be a power of 2 above 1, was "
                    + config.downsample());
        }
        int[] widths = new int[halvings + 1]; // width at each resolution, full size first
        for (int i = 0; i <= halvings; i++) {
            widths[i] = i == 0 ? config.width() : 2 * config.width();
        }
        encoderStem = addChildBlock("enc_in", new Conv2dLayer(3, widths[0], 3, 1, 1));
        for (int i = 0; i < halvings; i++) {
            downs.add(addChildBlock("enc_down" + i, new Conv2dLayer(widths[i], widths[i + 1], 4, 2, 1)));
        }
        encoderHead = addChildBlock("enc_out", new Conv2dLayer(widths[halvings], config.channels(), 3, 1, 1));
        decoderStem = addChildBlock("dec_in", new Conv2dLayer(config.channels(), widths[halvings], 3, 1, 1));
        for (int i = halvings; i > 0; i--) {
            ups.add(addChildBlock("dec_up" + (i - 1), new Conv2dLayer(widths[i], widths[i - 1], 3, 1, 1)));
        }
        decoderHead = addChildBlock("dec_out", new Conv2dLayer(widths[0], 3, 3, 1, 1));
        latentShift = bias("latent_shift", config.channels());
        latentScale = gain("latent_scale", config.channels());
    }

    /** The encoder's raw output [B, C, h, w], before the latent's shift and scale (what the statistics describe). */
    public NDArray encodeRaw(ParameterStore store, NDArray pixels, boolean training) {
        NDArray x = Ops.silu(encoderStem.forward(store, pixels, training));
        for (Conv2dLayer down : downs) {
            x = Ops.silu(down.forward(store, x, training)); // side halves
        }
        return encoderHead.forward(store, x, training);
    }

    /** Pixels [B, 3, H, W] in [-1, 1] -> latents [B, C, H / f, W / f], shifted and scaled. */
    public NDArray encode(ParameterStore store, NDArray pixels, boolean training) {
        NDArray raw = encodeRaw(store, pixels, training);
        return raw.sub(channelVector(store, latentShift, raw, training))
                .div(channelVector(store, latentScale, raw, training));
    }

    /** Latents [B, C, h, w] -> pixels [B, 3, h f, w f], not clamped (the loss sees the raw output). */
    public NDArray decode(ParameterStore store, NDArray latents, boolean training) {
        NDArray raw = latents.mul(channelVector(store, latentScale, latents, training))
                .add(channelVector(store, latentShift, latents, training));
        NDArray x = Ops.silu(decoderStem.forward(store, raw, training));
        for (Conv2dLayer up : ups) {
            x = x.repeat(2, 2).repeat(3, 2); // nearest-neighbour x2: [B, c, h, w] -> [B, c, 2h, 2w]
            x = Ops.silu(up.forward(store, x, training));
        }
        return decoderHead.forward(store, x, training);
    }

    /**
     * Sets the latent's per-channel shift and scale: the trained encoder's raw mean and standard deviation, so that
     * {@link #encode} gives latents of about zero mean and unit spread.
     */
    public void setStatistics(float[] shift, float[] scale) {
        for (float s : scale) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("latent scales must be positive, got " + s);
            }
        }
        latentShift.getArray().set(java.nio.FloatBuffer.wrap(shift));
        latentScale.getArray().set(java.nio.FloatBuffer.wrap(scale));
    }

    /**
     * A per-channel vector [C] shaped [1, C, 1, 1] to broadcast over [B, C, h, w], in {@code like}'s manager (a view
     * made from the parameter would otherwise stay in the model's for good).
     */
    private static NDArray channelVector(ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        NDArray vector = value(store, parameter, like, training).reshape(1, -1, 1, 1);
        vector.attach(like.getManager());
        return vector;
    }

    /** Inputs: pixels; output: the reconstruction (encode then decode). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(decode(store, encode(store, inputs.singletonOrThrow(), training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
