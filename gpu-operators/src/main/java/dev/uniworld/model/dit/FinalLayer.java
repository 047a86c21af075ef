package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;

/** Modulated norm and projection back to patch values: img [B, N, D], vec [B, D] -> [B, N, patchDim]. */
public final class FinalLayer extends ModelBlock {

    private final Modulation modulation;
    private final LinearLayer linear;

    public FinalLayer(int hidden, int patchDim) {
        modulation = addChildBlock("adaLN_modulation", new Modulation(hidden, 2));
        linear = addChildBlock("linear", new LinearLayer(hidden, patchDim, true));
    }

    public NDArray forward(ParameterStore store, NDArray img, NDArray vec, boolean training) {
        NDList mod = modulation.forward(store, vec, training); // shift, scale: [B, 1, D]
        NDArray h = Modulation.modulate(LayerNorm.normalize(img, 1e-6), mod.get(0), mod.get(1)); // [B, N, D]
        return linear.forward(store, h, training); // [B, N, patchDim]
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, in.get(0), in.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].slice(0, 2).add(linear.outFeatures())};
    }
}
