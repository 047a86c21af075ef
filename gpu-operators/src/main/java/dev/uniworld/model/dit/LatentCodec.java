package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;

/**
 * Between pixels and the space the DiT denoises in. A VAE (FLUX's: 16 channels, 8x down) implements this with its
 * encoder and decoder, as {@code latent.AutoencoderCodec} does with a trained {@code ConvAutoencoder}; the tiny preset
 * uses {@link PixelSpaceCodec}.
 */
public interface LatentCodec {

    /** Pixels [B, 3, H, W] in [-1, 1] -> latents [B, C, H / f, W / f] (training targets, reference images). */
    NDArray encode(NDArray pixels);

    /** Latents [B, C, h, w] -> pixels [B, 3, h * f, w * f] in [-1, 1]. */
    NDArray decode(NDArray latents);
}
