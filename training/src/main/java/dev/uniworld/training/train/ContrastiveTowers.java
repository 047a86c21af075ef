package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.siglip.VitBlock;

/**
 * What SigLIP's contrastive pretraining needs beside the image encoder, thrown away afterwards: a small text tower
 * (token and position embeddings, two bidirectional blocks, a final norm, mean over the caption's tokens, a
 * projection), the image-side projection of the mean patch state, and the learned logit scale and bias (SigLIP's
 * t' = log 10, b = -10 at the start).
 */
public final class ContrastiveTowers extends ModelBlock {

    private final Parameter tokens;
    private final Parameter positions;
    private final VitBlock block0;
    private final VitBlock block1;
    private final LayerNorm norm;
    private final LinearLayer textProjection;
    private final LinearLayer imageProjection;
    private final Parameter logitScale;
    private final Parameter logitBias;

    public ContrastiveTowers(int vocabSize, int maxTokens, int width, int imageWidth) {
        VitConfig blocks = new VitConfig(8, 8, width, 2, 4, 2 * width, 1e-6);
        tokens = weight("token_embedding", vocabSize, width);
        positions = weight("position_embedding", maxTokens, width);
        block0 = addChildBlock("layer0", new VitBlock(blocks));
        block1 = addChildBlock("layer1", new VitBlock(blocks));
        norm = addChildBlock("norm", new LayerNorm(width, 1e-6, true));
        textProjection = addChildBlock("text_projection", new LinearLayer(width, width, false));
        imageProjection = addChildBlock("image_projection", new LinearLayer(imageWidth, width, false));
        logitScale = bias("logit_scale", 1);
        logitBias = bias("logit_bias", 1);
    }

    /** SigLIP's starting temperature and bias; call once after initialization. */
    public void initLogitParameters() {
        logitScale.getArray().set(new float[] {(float) Math.log(10)});
        logitBias.getArray().set(new float[] {-10f});
    }

    /** ids [B, L] (padded), keep [B, L] 1 for real tokens -> unit text embeddings [B, D]. */
    public NDArray text(ParameterStore store, NDArray ids, NDArray keep, boolean training) {
        long length = ids.getShape().get(1);
        NDArray x = Ops.takeRows(value(store, tokens, ids, training), ids) // [B, L, D]
                .add(value(store, positions, ids, training).get("0:" + length)); // + [L, D]
        x = block1.forward(store, block0.forward(store, x, training), training); // [B, L, D]
        x = norm.forward(store, x, training);
        NDArray k = keep.expandDims(2); // [B, L, 1]
        NDArray pooled = x.mul(k).sum(new int[] {1}).div(k.sum(new int[] {1})); // [B, D]
        return unit(textProjection.forward(store, pooled, training));
    }

    /** SigLIP patch states [B, P, Di] -> unit image embeddings [B, D]. */
    public NDArray image(ParameterStore store, NDArray patches, boolean training) {
        return unit(imageProjection.forward(store, patches.mean(new int[] {1}), training));
    }

    /** SigLIP's sigmoid loss over all B x B pairs, matching pairs on the diagonal: mean over rows of the row sum. */
    public NDArray sigmoidLoss(ParameterStore store, NDArray image, NDArray text, boolean training) {
        NDManager manager = image.getManager();
        long b = image.getShape().get(0);
        NDArray scale = value(store, logitScale, image, training).exp();
        NDArray logits = image.matMul(text.transpose()).mul(scale) // [B, B]
                .add(value(store, logitBias, image, training));
        NDArray labels = manager.eye(Math.toIntExact(b)).mul(2).sub(1); // +1 diagonal, -1 elsewhere
        NDArray logSigmoid = Activation.softPlus(labels.mul(logits).neg()).neg(); // log sigmoid(z * logit)
        return logSigmoid.sum().neg().div(b);
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt()); // [B, D]
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(text(store, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), textProjection.outFeatures())};
    }
}
