package dev.uniworld.model.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.nn.TwoLayerMlp;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;

/** Pre-norm ViT block (SigLIP layout): x + attn(ln1(x)), then x + mlp(ln2(x)); bidirectional. [B, P, D] -> same. */
public final class VitBlock extends ModelBlock {

    private final int heads;
    private final LayerNorm norm1;
    private final LinearLayer q;
    private final LinearLayer k;
    private final LinearLayer v;
    private final LinearLayer out;
    private final LayerNorm norm2;
    private final TwoLayerMlp mlp;

    public VitBlock(VitConfig c) {
        heads = c.heads();
        norm1 = addChildBlock("layer_norm1", new LayerNorm(c.hidden(), c.layerNormEps(), true));
        q = addChildBlock("q_proj", new LinearLayer(c.hidden(), c.hidden(), true));
        k = addChildBlock("k_proj", new LinearLayer(c.hidden(), c.hidden(), true));
        v = addChildBlock("v_proj", new LinearLayer(c.hidden(), c.hidden(), true));
        out = addChildBlock("out_proj", new LinearLayer(c.hidden(), c.hidden(), true));
        norm2 = addChildBlock("layer_norm2", new LayerNorm(c.hidden(), c.layerNormEps(), true));
        mlp = addChildBlock("mlp", new TwoLayerMlp(c.hidden(), c.intermediate(), c.hidden(),
                TwoLayerMlp.Activation.GELU));
    }

    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        NDArray h = norm1.forward(store, x, training); // [B, P, D]
        NDArray attended = Ops.attention( // [B, H, P, hd]
                Ops.splitHeads(q.forward(store, h, training), heads),
                Ops.splitHeads(k.forward(store, h, training), heads),
                Ops.splitHeads(v.forward(store, h, training), heads), null);
        x = x.add(out.forward(store, Ops.mergeHeads(attended), training)); // [B, P, D]
        return x.add(mlp.forward(store, norm2.forward(store, x, training), training)); // [B, P, D]
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
