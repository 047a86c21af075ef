package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;

/**
 * The identity codec: the DiT denoises pixels directly. Chosen for the 64x64 tiny preset because a FLUX-style 8x VAE
 * would leave an 8x8 latent, too coarse to hold the edges of small shapes, while pixel patches keep every edge at no
 * extra model, training run or decode cost (the tiny DiT's 8x8 patches predict the clean image, whose 192 values per
 * patch are nearly all redundant, see DitConfig#predictsImage). Decoding clamps to [-1, 1], since the Euler
 * integration can overshoot the data range slightly.
 */
public final class PixelSpaceCodec implements LatentCodec {

    @Override
    public NDArray encode(NDArray pixels) {
        return pixels.duplicate();
    }

    @Override
    public NDArray decode(NDArray latents) {
        return latents.clip(-1f, 1f);
    }
}
