package dev.uniworld.model.config;

/**
 * The space the DiT denoises in.
 *
 * @param channels latent channels (FLUX VAE: 16; pixel space: 3)
 * @param downsample image pixels per latent pixel side (FLUX VAE: 8; pixel space: 1)
 */
public record LatentConfig(int channels, int downsample) {

    public LatentConfig {
        Checks.positive("channels", channels);
        Checks.positive("downsample", downsample);
    }

    /** True when the latent is the image itself, so no autoencoder is involved. */
    public boolean pixelSpace() {
        return channels == 3 && downsample == 1;
    }
}
