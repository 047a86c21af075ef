package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.Rotary;

/**
 * FLUX double-stream block: context and image tokens keep their own weights but attend jointly over the concatenation
 * [context, image], so every image token sees the instruction and the reference image's SigLIP tokens.
 */
public final class DoubleStreamBlock extends ModelBlock {

    private final StreamWeights image;
    private final StreamWeights context;

    public DoubleStreamBlock(DitConfig c) {
        image = addChildBlock("img", new StreamWeights(c));
        context = addChildBlock("txt", new StreamWeights(c));
    }

    /**
     * @param img [B, N, D] image tokens
     * @param txt [B, L, D] context tokens
     * @param vec [B, D] conditioning vector
     * @param cos rotary table [L + N, hd]
     * @param sin rotary table [L + N, hd]
     * @param mask additive key mask [B, 1, 1, L + N]
     * @return (img [B, N, D], txt [B, L, D])
     */
    public NDList forward(ParameterStore store, NDArray img, NDArray txt, NDArray vec, NDArray cos, NDArray sin,
            NDArray mask, boolean training) {
        long contextLength = txt.getShape().get(1);
        NDList imgMod = image.modulation(store, vec, training);
        NDList txtMod = context.modulation(store, vec, training);
        NDList imgQkv = image.queryKeyValue(store, img, imgMod, training); // 3 x [B, H, N, hd]
        NDList txtQkv = context.queryKeyValue(store, txt, txtMod, training); // 3 x [B, H, L, hd]
        NDArray q = Rotary.apply(txtQkv.get(0).concat(imgQkv.get(0), 2), cos, sin); // [B, H, L+N, hd]
        NDArray k = Rotary.apply(txtQkv.get(1).concat(imgQkv.get(1), 2), cos, sin); // [B, H, L+N, hd]
        NDArray v = txtQkv.get(2).concat(imgQkv.get(2), 2); // [B, H, L+N, hd]
        NDList attended = Ops.mergeHeads(Ops.attention(q, k, v, mask)).split(new long[] {contextLength}, 1);
        NDArray txtOut = context.finish(store, txt, attended.get(0), txtMod, training); // [B, L, D]
        NDArray imgOut = image.finish(store, img, attended.get(1), imgMod, training); // [B, N, D]
        return new NDList(imgOut, txtOut);
    }

    /** Inputs: img, txt, vec, cos, sin, mask as in {@link #forward}; outputs: img, txt. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
            PairList<String, Object> params) {
        return forward(store, in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }
}
