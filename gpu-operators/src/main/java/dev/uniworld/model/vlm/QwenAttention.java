package dev.uniworld.model.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.Rotary;

/**
 * Grouped-query causal self-attention with rotary positions; q, k, v carry biases and the output projection does not,
 * as in Qwen2. Inputs: x [B, T, D], cos and sin [T, hd], causal mask [T, T]. Output [B, T, D].
 */
public final class QwenAttention extends ModelBlock {

    private final int heads;
    private final int kvHeads;
    private final LinearLayer q;
    private final LinearLayer k;
    private final LinearLayer v;
    private final LinearLayer o;

    public QwenAttention(VlmConfig c) {
        heads = c.heads();
        kvHeads = c.kvHeads();
        long kvWidth = (long) c.kvHeads() * c.headDim();
        q = addChildBlock("q_proj", new LinearLayer(c.hidden(), c.hidden(), true));
        k = addChildBlock("k_proj", new LinearLayer(c.hidden(), kvWidth, true));
        v = addChildBlock("v_proj", new LinearLayer(c.hidden(), kvWidth, true));
        o = addChildBlock("o_proj", new LinearLayer(c.hidden(), c.hidden(), false));
    }

    public NDArray forward(ParameterStore store, NDArray x, NDArray cos, NDArray sin, NDArray mask,
            boolean training) {
        NDArray queries = Rotary.apply(Ops.splitHeads(q.forward(store, x, training), heads), cos, sin); // [B,H,T,hd]
        NDArray keys = Rotary.apply(Ops.splitHeads(k.forward(store, x, training), kvHeads), cos, sin); // [B,Hk,T,hd]
        NDArray values = Ops.splitHeads(v.forward(store, x, training), kvHeads); // [B, Hk, T, hd]
        NDArray attended = Ops.attention(queries, shareKv(keys), shareKv(values), mask); // [B, H, T, hd]
        return o.forward(store, Ops.mergeHeads(attended), training); // [B, T, D]
    }

    /** Each key/value head serves heads / kvHeads query heads: [B, Hk, T, hd] -> [B, H, T, hd]. */
    private NDArray shareKv(NDArray kv) {
        if (heads == kvHeads) {
            return kv;
        }
        Shape s = kv.getShape();
        int group = heads / kvHeads;
        return kv.expandDims(2) // [B, Hk, 1, T, hd]
                .broadcast(s.get(0), kvHeads, group, s.get(2), s.get(3)) // [B, Hk, g, T, hd]
                .reshape(s.get(0), heads, s.get(2), s.get(3));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
