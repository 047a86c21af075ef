package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** down(silu(gate(x)) * up(x)), bias-free as in Qwen2. [..., D] -> [..., D]. */
public final class SwiGluMlp extends ModelBlock {

    private final LinearLayer gate;
    private final LinearLayer up;
    private final LinearLayer down;

    public SwiGluMlp(long dim, long intermediate) {
        gate = addChildBlock("gate_proj", new LinearLayer(dim, intermediate, false));
        up = addChildBlock("up_proj", new LinearLayer(dim, intermediate, false));
        down = addChildBlock("down_proj", new LinearLayer(intermediate, dim, false));
    }

    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        NDArray gated = Ops.silu(gate.forward(store, x, training)).mul(up.forward(store, x, training)); // [..., I]
        return down.forward(store, gated, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
