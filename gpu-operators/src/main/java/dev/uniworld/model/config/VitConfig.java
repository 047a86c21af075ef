package dev.uniworld.model.config;

/**
 * A vision transformer: the SigLIP encoder and the VLM's own vision tower both use this shape of config.
 *
 * @param imageSize square input side in pixels; images are resized to it before encoding
 * @param patchSize square patch side; the encoder emits (imageSize / patchSize)^2 tokens per image
 * @param hidden token width
 * @param layers number of pre-norm blocks
 * @param heads attention heads; hidden must divide by it
 * @param intermediate GELU MLP width (SigLIP so400m: 4304, about 3.7x hidden)
 * @param layerNormEps LayerNorm epsilon (SigLIP: 1e-6)
 * @param stemWidth 0 embeds each patch by one linear map (SigLIP's and Qwen2.5-VL's stride-p convolution); above 0, by
 *     a stem of log2(patch) stride-2 2x2 convolutions with GELU between them, the first {@code stemWidth}
 *     channels wide, each next one twice the last, the final one {@code hidden} wide ({@code ConvStem}). Absent from
 *     older config.json files, which read as 0
 */
public record VitConfig(int imageSize, int patchSize, int hidden, int layers, int heads, int intermediate,
        double layerNormEps, int stemWidth) {

    public VitConfig {
        Checks.positive("imageSize", imageSize);
        Checks.positive("patchSize", patchSize);
        Checks.divides("imageSize", imageSize, "patchSize", patchSize);
        Checks.positive("hidden", hidden);
        Checks.positive("layers", layers);
        Checks.positive("heads", heads);
        Checks.divides("hidden", hidden, "heads", heads);
        Checks.positive("intermediate", intermediate);
        Checks.positive("layerNormEps", layerNormEps);
        Checks.nonNegative("stemWidth", stemWidth);
        Checks.require(stemWidth == 0 || (patchSize > 1 && Integer.bitCount(patchSize) == 1),
                "a convolutional stem needs a patch size that is a power of 2 above 1, was " + patchSize);
    }

    /** A ViT whose patches are embedded by one linear map, as SigLIP's and Qwen2.5-VL's are. */
    public VitConfig(int imageSize, int patchSize, int hidden, int layers, int heads, int intermediate,
            double layerNormEps) {
        this(imageSize, patchSize, hidden, layers, heads, intermediate, layerNormEps, 0);
    }

    public VitConfig withImageSize(int side) {
        return new VitConfig(side, patchSize, hidden, layers, heads, intermediate, layerNormEps, stemWidth);
    }

    public VitConfig withStemWidth(int width) {
        return new VitConfig(imageSize, patchSize, hidden, layers, heads, intermediate, layerNormEps, width);
    }

    /**
     * Channels of the convolutional stem, input first: {3, w, 2w, ..., hidden} with log2(patch) convolutions; empty
     * without a stem.
     */
    public int[] stemChannels() {
        if (stemWidth == 0) {
            return new int[0];
        }
        int convolutions = Integer.numberOfTrailingZeros(patchSize);
        int[] channels = new int[convolutions + 1];
        channels[0] = 3;
        for (int i = 1; i < convolutions; i++) {
            channels[i] = stemWidth << (i - 1);
        }
        channels[convolutions] = hidden;
        return channels;
    }

    /** Patches per image side. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Tokens per image. */
    public int tokens() {
        return gridSize() * gridSize();
    }

    /** Values in one flattened RGB patch. */
    public int patchDim() {
        return 3 * patchSize * patchSize;
    }
}
