package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.nn.TwoLayerMlp;

/**
 * FLUX's MLPEmbedder for the timestep, guidance and pooled vector: out_layer(silu(in_layer(x))), [B, in] -> [B, D],
 * and the sinusoidal timestep embedding that feeds it.
 */
public final class MlpEmbedder {

    private MlpEmbedder() {
    }

    /** The embedder as a two-layer SiLU MLP with FLUX's parameter names. */
    public static TwoLayerMlp create(long inDim, long hidden) {
        return new TwoLayerMlp("in_layer", "out_layer", inDim, hidden, hidden, TwoLayerMlp.Activation.SILU);
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
}
