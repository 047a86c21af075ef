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
 * @param predictsImage whether the network's output is the clean image x0, from which the model derives the velocity
 *     (x_sigma - x0) / max(sigma, {@link #IMAGE_PREDICTION_SIGMA_FLOOR}), instead of the velocity itself (FLUX:
 *     velocity). In pixel space a patch carries many more values than the noise-free image needs; predicting the
 *     clean image asks the network for that low-dimensional part only and lets the noise pass through the skip from
 *     the input (as in pixel-space DiTs such as JiT). The loss is the same velocity MSE either way. Absent from older
 *     config.json files, which read as false
 * @param referenceShortcut whether each image token also receives, through a linear layer of its own, the fused
 *     context token of the SigLIP token, in every reference image, whose area holds its patch centre (UniWorld and
 *     FLUX: no; references reach the image only through attention). A small DiT trained for minutes reproduces the
 *     reference poorly through attention alone, although the SigLIP tokens hold its patches' mean colours; the
 *     shortcut hands each patch what lies under it. Absent from older config.json files, which read as false
 * @param absolutePositions whether each image token's embedding also gets a fixed sine-cosine code of where its patch
 *     lies in the image ({@link dev.uniworld.model.dit.ImagePositions}; DiT: the same kind of code, SD3: learned;
 *     FLUX: none). With rotary positions alone a patch learns where it is only through its attention to the context
 *     tokens at (0, 0), and on a grid of 8 patches most rotary frequencies hardly turn; a place word ("top-left") then
 *     has little to match. Absent from older config.json files, which read as false
 */
public record DitConfig(int hidden, int heads, int doubleBlocks, int singleBlocks, int mlpRatio, int patchSize,
        int timeEmbedDim, boolean guidanceEmbed, double ropeTheta, boolean alignedReferences, boolean predictsImage,
        boolean referenceShortcut, boolean absolutePositions) {

    /**
     * Smallest sigma the velocity of an image prediction divides by: (x_sigma - x0) / sigma grows without bound as
     * sigma goes to 0. An Euler step to sigma 0 from a sigma at or above the floor lands exactly on the predicted
     * image; steps below it move only sigma / floor of the way (schedules of some 30 steps or more at 64x64).
     */
    public static final double IMAGE_PREDICTION_SIGMA_FLOOR = 0.05;

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
                ropeTheta, alignedReferences, predictsImage, referenceShortcut, absolutePositions);
    }

    /** The same DiT with reference tokens at (0, 0) or at the positions they cover. */
    public DitConfig withAlignedReferences(boolean aligned) {
        return new DitConfig(hidden, heads, doubleBlocks, singleBlocks, mlpRatio, patchSize, timeEmbedDim,
                guidanceEmbed, ropeTheta, aligned, predictsImage, referenceShortcut, absolutePositions);
    }

    /** The same DiT predicting the clean image (true) or the velocity (false). */
    public DitConfig withPredictsImage(boolean image) {
        return new DitConfig(hidden, heads, doubleBlocks, singleBlocks, mlpRatio, patchSize, timeEmbedDim,
                guidanceEmbed, ropeTheta, alignedReferences, image, referenceShortcut, absolutePositions);
    }

    /** The same DiT with or without the per-patch shortcut from the reference tokens. */
    public DitConfig withReferenceShortcut(boolean shortcut) {
        return new DitConfig(hidden, heads, doubleBlocks, singleBlocks, mlpRatio, patchSize, timeEmbedDim,
                guidanceEmbed, ropeTheta, alignedReferences, predictsImage, shortcut, absolutePositions);
    }

    /** The same DiT with or without the fixed code of each image token's place. */
    public DitConfig withAbsolutePositions(boolean absolute) {
        return new DitConfig(hidden, heads, doubleBlocks, singleBlocks, mlpRatio, patchSize, timeEmbedDim,
                guidanceEmbed, ropeTheta, alignedReferences, predictsImage, referenceShortcut, absolute);
    }

    public int headDim() {
        return hidden / heads;
    }

    public int mlpHidden() {
        return hidden * mlpRatio;
    }
}
