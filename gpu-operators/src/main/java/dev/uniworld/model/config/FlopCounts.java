package dev.uniworld.model.config;

/**
 * Analytic forward FLOPs per sample (a multiply-add counts 2), from matrix products and attention scores; norms,
 * activations and softmax are left out as they are a few percent at these widths. The attention products are counted
 * in full even where masked, since they are computed in full.
 */
public final class FlopCounts {

    private FlopCounts() {
    }

    /** VLM encoding of one prompt of {@code tokens} tokens holding {@code images} images. */
    public static double vlm(VlmConfig c, int tokens, int images) {
        double h = c.hidden();
        double kv = (double) c.kvHeads() * c.headDim();
        double perToken = 2 * (2 * h * h + 2 * h * kv + 3 * h * c.intermediate());
        double attention = 4.0 * tokens * tokens * h;
        double width = (double) c.vision().hidden() * c.mergeSize() * c.mergeSize();
        double merger = 2.0 * c.tokensPerImage() * (width * width + width * h);
        return c.layers() * (tokens * perToken + attention) + images * (vit(c.vision()) + merger);
    }

    /** SigLIP (or vision tower) encoding of one image. */
    public static double vit(VitConfig c) {
        double h = c.hidden();
        double p = c.tokens();
        double perToken = 2 * (4 * h * h + 2 * h * c.intermediate());
        return patchEmbedding(c) + c.layers() * (p * perToken + 4 * p * p * h);
    }

    /** The linear map of each patch, or the stem: 4 multiply-adds per input channel and output value. */
    private static double patchEmbedding(VitConfig c) {
        int[] channels = c.stemChannels();
        if (channels.length == 0) {
            return 2.0 * c.tokens() * c.patchDim() * c.hidden();
        }
        double total = 0;
        double side = c.imageSize();
        for (int i = 0; i + 1 < channels.length; i++) {
            side /= 2;
            total += 2 * side * side * 4 * channels[i] * channels[i + 1];
        }
        return total;
    }

    /** Both connectors for one sample: {@code tokens} VLM tokens and {@code images} x P SigLIP tokens. */
    public static double fusion(UniWorldConfig c, int tokens, int images) {
        ConnectorConfig k = c.connector();
        double vlm = 2.0 * tokens * (k.vlmInputWidth(c.vlm().hidden()) + (double) k.contextDim()) * k.hiddenDim();
        double siglip = 2.0 * images * c.siglip().tokens() * (c.siglip().hidden() + (double) k.contextDim())
                * k.hiddenDim();
        return vlm + siglip;
    }

    /** One DiT forward (one sampler step without CFG) with {@code contextTokens} context tokens. */
    public static double ditStep(UniWorldConfig model, int contextTokens) {
        DitConfig c = model.dit();
        double h = c.hidden();
        double m = c.mlpHidden();
        double n = model.imageTokens();
        double s = n + contextTokens;
        double attention = 4 * s * s * h;
        double doubles = s * 2 * (4 * h * h + 2 * h * m) + attention + 2 * 2 * 6 * h * h;
        double singles = s * 2 * (h * (3 * h + m) + (h + m) * h) + attention + 2 * 3 * h * h;
        double io = 2 * n * model.patchDim() * h * 2 + 2.0 * contextTokens * model.connector().contextDim() * h;
        // the reference shortcut: its one-hot gather over the context, then its projection
        double shortcut = c.referenceShortcut()
                ? 2 * n * contextTokens * model.connector().contextDim() + 2 * n * model.connector().contextDim() * h
                : 0;
        return c.doubleBlocks() * doubles + c.singleBlocks() * singles + io + shortcut;
    }
}
