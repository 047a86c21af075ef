package dev.uniworld.model.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.RmsNorm;
import dev.uniworld.model.nn.SwiGluMlp;

/** Pre-RMSNorm decoder layer: x + attn(norm(x)), then x + swiglu(norm(x)). [B, T, D] -> [B, T, D]. */
public final class QwenDecoderLayer extends ModelBlock {

    private final RmsNorm inputNorm;
    private final QwenAttention attention;
    private final RmsNorm postAttentionNorm;
    private final SwiGluMlp mlp;

    public QwenDecoderLayer(VlmConfig c) {
        inputNorm = addChildBlock("input_layernorm", new RmsNorm(c.hidden(), c.rmsNormEps()));
        attention = addChildBlock("self_attn", new QwenAttention(c));
        postAttentionNorm = addChildBlock("post_attention_layernorm", new RmsNorm(c.hidden(), c.rmsNormEps()));
        mlp = addChildBlock("mlp", new SwiGluMlp(c.hidden(), c.intermediate()));
    }

    public NDArray forward(ParameterStore store, NDArray x, NDArray cos, NDArray sin, NDArray mask,
            boolean training) {
        NDArray h = attention.forward(store, inputNorm.forward(store, x, training), cos, sin, mask, training);
        x = x.add(h); // [B, T, D]
        return x.add(mlp.forward(store, postAttentionNorm.forward(store, x, training), training)); // [B, T, D]
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
