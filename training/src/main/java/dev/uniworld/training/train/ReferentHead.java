package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The head of the referent loss ({@link Recipe#referentLoss}): one linear logit per DiT image token, read where the
 * double-stream blocks leave the tokens, that the token's cell is one the prompt acts on ({@link ReferentCells}).
 * It trains with stage 2 and is run state only, never part of the exported model.
 */
final class ReferentHead extends TokenHead {

    static final String PREFIX = "referent_head.";

    ReferentHead(NDManager parent, int hidden, long seed) {
        super(parent, hidden, 1, PREFIX, seed);
    }

    /** The labels and token weights of a batch for {@link #loss}. */
    record Targets(NDArray labels, NDArray weights) {
    }

    /**
     * Labels 1 on the marked cells and 0 elsewhere; weights as an edit region's ({@link EditRegionMask#weights}:
     * log2(total / marked) + 1 on the marked cells, so that a few cells are not drowned by the rest), scaled to sum
     * to 1 / B over each labelled sample's tokens, and 0 over the tokens of a sample without labels.
     *
     * @param cells per sample, [N] token cells or null for none
     * @return labels and weights, each [B, N]
     */
    static Targets targets(NDManager manager, List<boolean[]> cells, int tokens) {
        int b = cells.size();
        float[] labels = new float[b * tokens];
        float[] weights = new float[b * tokens];
        for (int i = 0; i < b; i++) {
            boolean[] marked = cells.get(i);
            if (marked == null) {
                continue;
            }
            requireCells(i, marked.length, tokens);
            System.arraycopy(sampleWeights(marked, b), 0, weights, i * tokens, tokens);
            for (int t = 0; t < tokens; t++) {
                labels[i * tokens + t] = marked[t] ? 1f : 0f;
            }
        }
        Shape shape = new Shape(b, tokens);
        return new Targets(manager.create(labels, shape), manager.create(weights, shape));
    }

    /**
     * Weighted binary cross-entropy of the head's logits against the labels, in the stable form max(z, 0) - z y +
     * log(1 + exp(-|z|)).
     *
     * @param tokens [B, N, D] image tokens
     * @return scalar
     */
    NDArray loss(ParameterStore store, NDArray tokens, Targets targets, boolean training) {
        NDArray logits = logits(store, tokens, training); // [B, N]
        NDArray softplus = logits.abs().neg().exp().add(1f).log(); // [B, N]
        NDArray bce = logits.maximum(0f).sub(logits.mul(targets.labels())).add(softplus); // [B, N]
        return bce.mul(targets.weights()).sum();
    }

    /** @param tokens [B, N, D] @return [B, N] */
    NDArray logits(ParameterStore store, NDArray tokens, boolean training) {
        return outputs(store, tokens, training).squeeze(-1);
    }
}
