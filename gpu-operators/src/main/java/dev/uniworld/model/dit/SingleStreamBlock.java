package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.RmsNorm;
import dev.uniworld.model.nn.Rotary;

/**
 * FLUX single-stream block over [context, image] with shared weights; attention and MLP run in parallel from one fused
 * input projection (linear1) and are merged by one output projection (linear2). [B, S, D] -> [B, S, D].
 */
public final class SingleStreamBlock extends ModelBlock {

    private static final double NORM_EPS = 1e-6;
    private final int hidden;
    private final int heads;
    private final Modulation modulation;
    private final LinearLayer linear1;
    private final LinearLayer linear2;
    private final RmsNorm queryNorm;
    private final RmsNorm keyNorm;

    public SingleStreamBlock(DitConfig c) {
        hidden = c.hidden();
        heads = c.heads();
        modulation = addChildBlock("modulation", new Modulation(c.hidden(), 3));
        linear1 = addChildBlock("linear1", new LinearLayer(c.hidden(), 3L * c.hidden() + c.mlpHidden(), true));
        linear2 = addChildBlock("linear2", new LinearLayer((long) c.hidden() + c.mlpHidden(), c.hidden(), true));
        queryNorm = addChildBlock("query_norm", new RmsNorm(c.headDim(), NORM_EPS));
        keyNorm = addChildBlock("key_norm", new RmsNorm(c.headDim(), NORM_EPS));
    }

    /** x [B, S, D], vec [B, D], cos/sin [S, hd], mask [B, 1, 1, S] -> [B, S, D]. */
    public NDArray forward(ParameterStore store, NDArray x, NDArray vec, NDArray cos, NDArray sin, NDArray mask,
            boolean training) {
        NDList mod = modulation.forward(store, vec, training); // shift, scale, gate: [B, 1, D]
        NDArray h = Modulation.modulate(LayerNorm.normalize(x, NORM_EPS), mod.get(0), mod.get(1)); // [B, S, D]
        NDList parts = linear1.forward(store, h, training).split(new long[] {3L * hidden}, 2);
        NDList qkv = parts.get(0).split(3, 2); // 3 x [B, S, D]
        NDArray q = Rotary.apply(queryNorm.forward(store, Ops.splitHeads(qkv.get(0), heads), training), cos, sin);
        NDArray k = Rotary.apply(keyNorm.forward(store, Ops.splitHeads(qkv.get(1), heads), training), cos, sin);
        NDArray v = Ops.splitHeads(qkv.get(2), heads); // [B, H, S, hd]
        NDArray attended = Ops.mergeHeads(Ops.attention(q, k, v, mask)); // [B, S, D]
        NDArray merged = attended.concat(Ops.gelu(parts.get(1)), 2); // [B, S, D + mlp]
        return x.add(mod.get(2).mul(linear2.forward(store, merged, training))); // [B, S, D]
    }

    /** Inputs: x, vec, cos, sin, mask as in {@link #forward}. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
