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
 */
public record VitConfig(int imageSize, int patchSize, int hidden, int layers, int heads, int intermediate,
        double layerNormEps) {

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
