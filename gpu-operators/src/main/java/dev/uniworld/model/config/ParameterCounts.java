package dev.uniworld.model.config;

/**
 * Parameter counts computed from a config alone (no weights allocated), mirroring the blocks one to one; a test checks
 * them against instantiated tiny and small models and against the reference sizes for uniworld-v1.
 */
public final class ParameterCounts {

    private ParameterCounts() {
    }

    public static long vlm(VlmConfig c) {
        long h = c.hidden();
        long kv = (long) c.kvHeads() * c.headDim();
        long attention = linear(h, h, true) + 2 * linear(h, kv, true) + linear(h, h, false);
        long layer = 2 * h + attention + 3 * h * c.intermediate();
        return c.vocabSize() * h + visionTower(c) + c.layers() * layer + h + linear(h, c.vocabSize(), false)
                + linear(h, c.taskClasses(), true) + c.answerLayers() * layer;
    }

    /** The VLM's ViT plus its patch merger. */
    public static long visionTower(VlmConfig c) {
        long width = (long) c.vision().hidden() * c.mergeSize() * c.mergeSize();
        return vit(c.vision()) + c.vision().hidden() + linear(width, width, true) + linear(width, c.hidden(), true);
    }

    public static long vit(VitConfig c) {
        long h = c.hidden();
        long block = 4 * h + 4 * linear(h, h, true) + linear(h, c.intermediate(), true)
                + linear(c.intermediate(), h, true);
        return patchEmbedding(c) + (long) c.tokens() * h + c.layers() * block + 2 * h;
    }

    /** The linear map of each patch, or the stem's 2x2 kernels and biases. */
    private static long patchEmbedding(VitConfig c) {
        int[] channels = c.stemChannels();
        if (channels.length == 0) {
            return linear(c.patchDim(), c.hidden(), true);
        }
        long total = 0;
        for (int i = 0; i + 1 < channels.length; i++) {
            total += linear(4L * channels[i], channels[i + 1], true);
        }
        return total;
    }

    public static long connectors(UniWorldConfig c) {
        ConnectorConfig k = c.connector();
        return mlp(k.vlmInputWidth(c.vlm().hidden()), k.hiddenDim(), k.contextDim())
                + mlp(c.siglip().hidden(), k.hiddenDim(), k.contextDim());
    }

    public static long dit(UniWorldConfig model) {
        DitConfig c = model.dit();
        long h = c.hidden();
        long m = c.mlpHidden();
        long context = model.connector().contextDim();
        long embedders = mlp(c.timeEmbedDim(), h, h) * (c.guidanceEmbed() ? 2 : 1) + mlp(context, h, h);
        long stream = linear(h, 6 * h, true) + linear(h, 3 * h, true) + 2L * c.headDim() + linear(h, h, true)
                + mlp(h, m, h);
        long single = linear(h, 3 * h, true) + linear(h, 3 * h + m, true) + linear(h + m, h, true)
                + 2L * c.headDim();
        long last = linear(h, 2 * h, true) + linear(h, model.patchDim(), true);
        long shortcut = c.referenceShortcut() ? linear(context, h, false) : 0;
        return linear(model.patchDim(), h, true) + linear(context, h, true) + shortcut + embedders
                + c.doubleBlocks() * 2 * stream + c.singleBlocks() * single + last;
    }

    public static long total(UniWorldConfig c) {
        return vlm(c.vlm()) + vit(c.siglip()) + connectors(c) + dit(c);
    }

    private static long linear(long in, long out, boolean bias) {
        return in * out + (bias ? out : 0);
    }

    private static long mlp(long in, long hidden, long out) {
        return linear(in, hidden, true) + linear(hidden, out, true);
    }
}
