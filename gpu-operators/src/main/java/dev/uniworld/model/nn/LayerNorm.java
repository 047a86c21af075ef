package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LayerNorm over the last axis, written out because DJL's LayerNorm rejects axis -1 and by default normalizes over all
 * non-batch axes. Without affine parameters it is the bare norm FLUX modulates with shift and scale. Shape preserved.
 */
public final class LayerNorm extends ModelBlock {

    private final double eps;
    private final Parameter gain;
    private final Parameter bias;

    public LayerNorm(long dim, double eps, boolean affine) {
        this.eps = eps;
        this.gain = affine ? gain("weight", dim) : null;
        this.bias = affine ? bias("bias", dim) : null;
    }

    /** [..., D] -> [..., D]. */
    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        NDArray normed = normalize(x, eps);
        if (gain == null) {
            return normed;
        }
        return normed.mul(value(store, gain, x, training)).add(value(store, bias, x, training));
    }

    /** Zero mean, unit variance over the last axis. */
    public static NDArray normalize(NDArray x, double eps) {
        int[] last = {x.getShape().dimension() - 1};
        NDArray centered = x.sub(x.mean(last, true)); // [..., D]
        NDArray variance = centered.square().mean(last, true); // [..., 1]
        return centered.div(variance.add(eps).sqrt());
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
