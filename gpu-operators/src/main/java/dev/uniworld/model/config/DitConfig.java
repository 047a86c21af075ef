package dev.uniworld.model.config;

/**
 * The FLUX-style diffusion transformer.
 *
 * @param hidden residual width (FLUX.1: 3072)
 * @param heads attention heads (FLUX.1: 24, head dim 128)
 * @param doubleBlocks double-stream blocks: separate weights for context and image tokens, joint attention
 * @param singleBlocks single-stream blocks over the concatenated sequence, attention and MLP in parallel
 * @param mlpRatio MLP width over hidden (FLUX.1: 4)
 * @param patchSize latent pixels per token side (FLUX.1: 2, packing 16 channels into 64 per token)
 * @param timeEmbedDim sinusoidal width of the timestep and guidance embeddings (FLUX.1: 256)
 * @param guidanceEmbed whether a distilled-guidance scale is embedded like the timestep (FLUX.1-dev: yes)
 * @param ropeTheta rotary base of the 2-D image positions (FLUX.1: 10000)
 * @param alignedReferences whether each reference image's SigLIP tokens take the rotary (row, column) of the image
 *     area they cover on the DiT's patch grid, instead of (0, 0) like every other context token (UniWorld and FLUX:
 *     no). A DiT trained from scratch in a few thousand steps does not learn to find, by content alone, which
 *     reference token lies under each output patch; with shared positions, copying is attention between equal
 *     positions. Absent from older config.json files, which read as false
 */
public record DitConfig(int hidden, int heads, int doubleBlocks, int singleBlocks, int mlpRatio, int patchSize,
        int timeEmbedDim, boolean guidanceEmbed, double ropeTheta, boolean alignedReferences) {

    public DitConfig {
        Checks.positive("hidden", hidden);
        Checks.divides("hidden", hidden, "heads", heads);
        Checks.require((hidden / heads) % 4 == 0, "DiT head dim must be a multiple of 4 for 2-D rotary positions");
        Checks.nonNegative("doubleBlocks", doubleBlocks);
        Checks.nonNegative("singleBlocks", singleBlocks);
        Checks.require(doubleBlocks + singleBlocks > 0, "DiT needs at least one block");
        Checks.positive("mlpRatio", mlpRatio);
        Checks.positive("patchSize", patchSize);
        Checks.divides("timeEmbedDim", timeEmbedDim, "2", 2);
        Checks.positive("ropeTheta", ropeTheta);
    }

    /** The same DiT with another patch size. */
    public DitConfig withPatchSize(int patch) {
        return new DitConfig(hidden, heads, doubleBlocks, singleBlocks, mlpRatio, patch, timeEmbedDim, guidanceEmbed,
                ropeTheta, alignedReferences);
    }

    /** The same DiT with reference tokens at (0, 0) or at the positions they cover. */
    public DitConfig withAlignedReferences(boolean aligned) {
        return new DitConfig(hidden, heads, doubleBlocks, singleBlocks, mlpRatio, patchSize, timeEmbedDim,
                guidanceEmbed, ropeTheta, aligned);
    }

    public int headDim() {
        return hidden / heads;
    }

    public int mlpHidden() {
        return hidden * mlpRatio;
    }
}
