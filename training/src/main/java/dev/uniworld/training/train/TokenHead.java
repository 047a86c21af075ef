package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.Weights;
import java.util.Map;

/**
 * A training-only linear head on the DiT's image tokens ({@link TokenHeads}): its weights live in a manager of their
 * own, under a name prefix of their own in the run state, and are never exported.
 */
abstract class TokenHead {

    private final NDManager manager;
    private final LinearLayer layer;
    private final String prefix;

    TokenHead(NDManager parent, int hidden, int outputs, String prefix, long seed) {
        this.manager = parent.newSubManager();
        this.layer = new LinearLayer(hidden, outputs, true);
        this.prefix = prefix;
        Weights.initializeSeeded(prefix, layer, manager, seed);
    }

    final Map<String, Parameter> parameters() {
        return Weights.named(prefix, layer);
    }

    /** @param tokens [B, N, D] @return [B, N, outputs] */
    final NDArray outputs(ParameterStore store, NDArray tokens, boolean training) {
        return layer.forward(store, tokens, training);
    }

    final void close() {
        manager.close();
    }

    /**
     * A labelled sample's token weights: an edit region's over {@code marked} ({@link EditRegionMask#weights}:
     * log2(total / marked) + 1 on the marked cells, so that a few cells are not drowned by the rest), scaled to sum to
     * 1 / {@code batch}.
     */
    static float[] sampleWeights(boolean[] marked, int batch) {
        float[] w = EditRegionMask.weights(marked); // a fresh array
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        for (int t = 0; t < w.length; t++) {
            w[t] = (float) (w[t] / sum / batch);
        }
        return w;
    }

    /** @throws IllegalArgumentException where sample {@code index}'s labels have another count of cells than tokens */
    static void requireCells(int index, int cells, int tokens) {
        if (cells != tokens) {
            throw new IllegalArgumentException("sample " + index + " has " + cells + " cells for " + tokens
                    + " image tokens");
        }
    }
}
