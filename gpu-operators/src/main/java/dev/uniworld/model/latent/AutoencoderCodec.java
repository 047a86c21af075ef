package dev.uniworld.model.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.dit.LatentCodec;

/**
 * The latent codec of presets with an autoencoder: the trained {@link ConvAutoencoder}'s encoder and decoder, frozen.
 * Decoding clamps to [-1, 1] as the pixel codec does.
 */
public final class AutoencoderCodec implements LatentCodec {

    private final ConvAutoencoder autoencoder;

    public AutoencoderCodec(ConvAutoencoder autoencoder) {
        this.autoencoder = autoencoder;
    }

    @Override
    public NDArray encode(NDArray pixels) {
        return autoencoder.encode(new ParameterStore(pixels.getManager(), false), pixels, false);
    }

    @Override
    public NDArray decode(NDArray latents) {
        return autoencoder.decode(new ParameterStore(latents.getManager(), false), latents, false).clip(-1f, 1f);
    }
}
