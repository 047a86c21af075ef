package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The head of the content loss ({@link Recipe#contentLoss}): per DiT image token, read where the double-stream blocks
 * leave the tokens, logits for the kind, colour and size of the shape the target holds in the token's cell ({@link
 * CellContents}). It trains with stage 2 and is run state only, never part of the exported model.
 */
final class ContentHead extends TokenHead {

    static final String PREFIX = "content_head.";
    /** Logits per token: the kind classes, then the colour classes, then the size classes. */
    static final int CLASSES = CellContents.KIND_CLASSES + CellContents.COLOUR_CLASSES + CellContents.SIZE_CLASSES;

    ContentHead(NDManager parent, int hidden, long seed) {
        super(parent, hidden, CLASSES, PREFIX, seed);
    }

    /**
     * The labels and token weights of a batch for {@link #loss}.
     *
     * @param labels  [B, N, CLASSES]: per token, 1 at its kind, its colour and its size class, 0 elsewhere
     * @param weights [B, N]
     */
    record Targets(NDArray labels, NDArray weights) {
    }

    /**
     * One-hot labels per group; weights as an edit region's over the cells a shape holds ({@link #sampleWeights}: a
     * few shapes are not drowned by the background), and 0 over the tokens of a sample without labels.
     *
     * @param contents per sample, its cells' contents or null for none
     */
    static Targets targets(NDManager manager, List<CellContents> contents, int tokens) {
        int b = contents.size();
        float[] labels = new float[b * tokens * CLASSES];
        float[] weights = new float[b * tokens];
        for (int i = 0; i < b; i++) {
            CellContents c = contents.get(i);
            if (c == null) {
                continue;
            }
            requireCells(i, c.tokens(), tokens);
            System.arraycopy(sampleWeights(c.occupied(), b), 0, weights, i * tokens, tokens);
            for (int t = 0; t < tokens; t++) {
                int row = (i * tokens + t) * CLASSES;
                labels[row + c.kinds()[t]] = 1;
                labels[row + CellContents.KIND_CLASSES + c.colours()[t]] = 1;
                labels[row + CellContents.KIND_CLASSES + CellContents.COLOUR_CLASSES + c.sizes()[t]] = 1;
            }
        }
        return new Targets(manager.create(labels, new Shape(b, tokens, CLASSES)),
                manager.create(weights, new Shape(b, tokens)));
    }

    /**
     * The weighted sum over tokens of three cross-entropies (kind, colour, size), each a softmax over its own group
     * of logits.
     *
     * @param tokens [B, N, D] image tokens
     * @return scalar
     */
    NDArray loss(ParameterStore store, NDArray tokens, Targets targets, boolean training) {
        NDArray logits = logits(store, tokens, training); // [B, N, CLASSES]
        int kindEnd = CellContents.KIND_CLASSES;
        int colourEnd = kindEnd + CellContents.COLOUR_CLASSES;
        NDArray logProbabilities = logits.get("..., :" + kindEnd).logSoftmax(-1)
                .concat(logits.get("..., " + kindEnd + ":" + colourEnd).logSoftmax(-1), -1)
                .concat(logits.get("..., " + colourEnd + ":").logSoftmax(-1), -1); // [B, N, CLASSES]
        NDArray crossEntropy = logProbabilities.mul(targets.labels()).sum(new int[] {-1}).neg(); // [B, N]
        return crossEntropy.mul(targets.weights()).sum();
    }

    /** @param tokens [B, N, D] @return [B, N, CLASSES] */
    NDArray logits(ParameterStore store, NDArray tokens, boolean training) {
        return outputs(store, tokens, training);
    }
}
