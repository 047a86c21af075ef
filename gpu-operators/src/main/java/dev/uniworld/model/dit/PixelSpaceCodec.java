package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;

/**
 * The identity codec: the DiT denoises pixels directly. Chosen for the 64x64 tiny preset because a FLUX-style 8x VAE
 * would leave an 8x8 latent, too coarse to hold the edges of small shapes, while 4x4 pixel patches give 256 tokens
 * (48 values each) at no extra model, training run or decode cost. Decoding clamps to [-1, 1], since the Euler
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
