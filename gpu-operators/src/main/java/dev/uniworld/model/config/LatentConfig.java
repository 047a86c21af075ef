package dev.uniworld.model.config;

/**
 * The space the DiT denoises in.
 *
 * @param channels latent channels (FLUX VAE: 16; pixel space: 3)
 * @param downsample image pixels per latent pixel side (FLUX VAE: 8; pixel space: 1)
 * @param width the autoencoder's narrowest convolution width (see {@code ConvAutoencoder}); ignored in pixel space,
 *     where configurations written before the field existed read it as 0
 */
public record LatentConfig(int channels, int downsample, int width) {

    public LatentConfig {
        Checks.positive("channels", channels);
        Checks.positive("downsample", downsample);
        if (!(channels == 3 && downsample == 1)) {
            Checks.positive("width", width);
        }
    }

    /** Pixel space: the latent is the image itself, so no autoencoder is involved. */
    public static LatentConfig pixels() {
        return new LatentConfig(3, 1, 0);
    }

    /** True when the latent is the image itself, so no autoencoder is involved. */
    public boolean pixelSpace() {
        return channels == 3 && downsample == 1;
    }
}
