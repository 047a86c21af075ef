package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;

/** FLUX's MLPEmbedder: out(silu(in(x))), for the timestep, guidance and pooled vector. [B, in] -> [B, D]. */
public final class MlpEmbedder extends ModelBlock {

    private final LinearLayer in;
    private final LinearLayer out;

    public MlpEmbedder(long inDim, long hidden) {
        in = addChildBlock("in_layer", new LinearLayer(inDim, hidden, true));
        out = addChildBlock("out_layer", new LinearLayer(hidden, hidden, true));
    }

    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        return out.forward(store, Ops.silu(in.forward(store, x, training)), training);
    }

    /**
     * FLUX's sinusoidal embedding of t in [0, 1] (scaled by 1000 first, so that the frequencies meant for integer
     * diffusion steps apply): [B] -> [B, dim] as (cos, sin).
     */
    public static NDArray timestepEmbedding(NDArray t, int dim) {
        NDManager manager = t.getManager();
        int half = dim / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-Math.log(10_000) * i / half);
        }
        NDArray args = t.mul(1000f).expandDims(1).mul(manager.create(frequencies).expandDims(0)); // [B, half]
        return args.cos().concat(args.sin(), 1); // [B, dim]
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return out.getOutputShapes(inputShapes);
    }
}
