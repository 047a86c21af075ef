package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.nn.TwoLayerMlp;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.RmsNorm;

/**
 * One stream's half of a double-stream block (FLUX keeps separate weights for image and context tokens): modulation,
 * qkv with query/key RMSNorm, output projection and MLP. The joint attention itself lives in {@link DoubleStreamBlock}.
 */
final class StreamWeights extends ModelBlock {

    private static final double NORM_EPS = 1e-6;
    private final int heads;
    private final Modulation modulation;
    private final LinearLayer qkv;
    private final RmsNorm queryNorm;
    private final RmsNorm keyNorm;
    private final LinearLayer projection;
    private final TwoLayerMlp mlp;

    StreamWeights(DitConfig c) {
        heads = c.heads();
        modulation = addChildBlock("mod", new Modulation(c.hidden(), 6));
        qkv = addChildBlock("qkv", new LinearLayer(c.hidden(), 3L * c.hidden(), true));
        queryNorm = addChildBlock("query_norm", new RmsNorm(c.headDim(), NORM_EPS));
        keyNorm = addChildBlock("key_norm", new RmsNorm(c.headDim(), NORM_EPS));
        projection = addChildBlock("proj", new LinearLayer(c.hidden(), c.hidden(), true));
        mlp = addChildBlock("mlp", new TwoLayerMlp(c.hidden(), c.mlpHidden(), c.hidden(),
                TwoLayerMlp.Activation.GELU));
    }

    /** Six modulation vectors (shift1, scale1, gate1, shift2, scale2, gate2), each [B, 1, D]. */
    NDList modulation(ParameterStore store, NDArray vec, boolean training) {
        return modulation.forward(store, vec, training);
    }

    /** q, k, v [B, H, T, hd] of the modulated stream x [B, T, D]; q and k RMS-normed per head. */
    NDList queryKeyValue(ParameterStore store, NDArray x, NDList mod, boolean training) {
        NDArray h = Modulation.modulate(LayerNorm.normalize(x, NORM_EPS), mod.get(0), mod.get(1)); // [B, T, D]
        NDList parts = qkv.forward(store, h, training).split(3, 2); // 3 x [B, T, D]
        return new NDList(
                queryNorm.forward(store, Ops.splitHeads(parts.get(0), heads), training),
                keyNorm.forward(store, Ops.splitHeads(parts.get(1), heads), training),
                Ops.splitHeads(parts.get(2), heads));
    }

    /** Residual updates after attention: x + gate1 * proj(attn), then + gate2 * mlp(modulated norm). */
    NDArray finish(ParameterStore store, NDArray x, NDArray attended, NDList mod, boolean training) {
        x = x.add(mod.get(2).mul(projection.forward(store, attended, training))); // [B, T, D]
        NDArray h = Modulation.modulate(LayerNorm.normalize(x, NORM_EPS), mod.get(3), mod.get(4));
        return x.add(mod.get(5).mul(mlp.forward(store, h, training))); // [B, T, D]
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        // the halves only make sense inside a joint attention; this is the stream attending to itself
        NDArray x = inputs.get(0);
        NDList mod = modulation(store, inputs.get(1), training);
        NDList qkvs = queryKeyValue(store, x, mod, training);
        NDArray attended = Ops.mergeHeads(Ops.attention(qkvs.get(0), qkvs.get(1), qkvs.get(2), null));
        return new NDList(finish(store, x, attended, mod, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
