package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** fc2(gelu(fc1(x))): the MLP of ViT and FLUX blocks. [..., D] -> [..., out]. */
public final class GeluMlp extends ModelBlock {

    private final LinearLayer fc1;
    private final LinearLayer fc2;

    public GeluMlp(long in, long hidden, long out) {
        fc1 = addChildBlock("fc1", new LinearLayer(in, hidden, true));
        fc2 = addChildBlock("fc2", new LinearLayer(hidden, out, true));
    }

    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        return fc2.forward(store, Ops.gelu(fc1.forward(store, x, training)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc2.getOutputShapes(inputShapes);
    }
}
