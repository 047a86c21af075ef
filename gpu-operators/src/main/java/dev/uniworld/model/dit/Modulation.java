package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;

/**
 * Adaptive-norm modulation: Linear(silu(vec)) split into {@code count} vectors (shift, scale, gate, ...), each shaped
 * [B, 1, D] to broadcast over tokens. vec [B, D] -> count x [B, 1, D].
 */
public final class Modulation extends ModelBlock {

    private final int count;
    private final LinearLayer linear;

    public Modulation(int dim, int count) {
        this.count = count;
        linear = addChildBlock("lin", new LinearLayer(dim, (long) dim * count, true));
    }

    public NDList forward(ParameterStore store, NDArray vec, boolean training) {
        NDList chunks = linear.forward(store, Ops.silu(vec), training).split(count, 1); // count x [B, D]
        NDList out = new NDList(count);
        for (NDArray chunk : chunks) {
            out.add(chunk.expandDims(1)); // [B, 1, D]
        }
        return out;
    }

    /** (1 + scale) * x + shift, for x [B, T, D] and shift, scale [B, 1, D]. */
    public static NDArray modulate(NDArray x, NDArray shift, NDArray scale) {
        return x.mul(scale.add(1f)).add(shift);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return forward(store, inputs.singletonOrThrow(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = new Shape(inputShapes[0].get(0), 1, linear.outFeatures() / count);
        Shape[] shapes = new Shape[count];
        java.util.Arrays.fill(shapes, out);
        return shapes;
    }
}
