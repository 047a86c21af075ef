package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** RMSNorm over the last axis with a learned gain (Qwen layers, FLUX's query/key norm). Shape preserved. */
public final class RmsNorm extends ModelBlock {

    private final double eps;
    private final Parameter gain;

    public RmsNorm(long dim, double eps) {
        this.eps = eps;
        this.gain = gain("weight", dim);
    }

    /** [..., D] -> [..., D]. */
    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        int last = x.getShape().dimension() - 1;
        NDArray rms = x.square().mean(new int[] {last}, true).add(eps).sqrt(); // [..., 1]
        return x.div(rms).mul(value(store, gain, x, training));
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
