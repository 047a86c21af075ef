package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.Rotary;
import dev.uniworld.model.nn.TwoLayerMlp;
import java.util.ArrayList;
import java.util.List;

/**
 * The FLUX-style transformer predicting the rectified-flow velocity (noise - clean) of a latent at noise level sigma,
 * directly or (with {@link DitConfig#predictsImage}) through a prediction of the clean image.
 * Context tokens get rotary position (0, 0), image tokens their (row, column) on the patch grid; with
 * {@link DitConfig#alignedReferences} each reference image's SigLIP tokens take the positions of the area they cover;
 * with {@link DitConfig#referenceShortcut} each image token also receives the reference token under its patch; with
 * {@link DitConfig#absolutePositions} each image token's embedding also gets a fixed code of its place in the image.
 */
public final class DitModel extends ModelBlock {

    private final DitConfig config;
    private final int channels;
    private final LinearLayer imgIn;
    private final LinearLayer txtIn;
    private final TwoLayerMlp timeIn;
    private final TwoLayerMlp guidanceIn;
    private final TwoLayerMlp vectorIn;
    private final List<DoubleStreamBlock> doubleBlocks = new ArrayList<>();
    private final List<SingleStreamBlock> singleBlocks = new ArrayList<>();
    private final FinalLayer finalLayer;
    private final ReferenceShortcut referenceShortcut;
    private final int referenceSide;

    public DitModel(UniWorldConfig model) {
        config = model.dit();
        channels = model.latent().channels();
        int hidden = config.hidden();
        int context = model.connector().contextDim();
        imgIn = addChildBlock("img_in", new LinearLayer(model.patchDim(), hidden, true));
        txtIn = addChildBlock("txt_in", new LinearLayer(context, hidden, true));
        timeIn = addChildBlock("time_in", MlpEmbedder.create(config.timeEmbedDim(), hidden));
        guidanceIn = config.guidanceEmbed()
                ? addChildBlock("guidance_in", MlpEmbedder.create(config.timeEmbedDim(), hidden)) : null;
        vectorIn = addChildBlock("vector_in", MlpEmbedder.create(context, hidden));
        for (int i = 0; i < config.doubleBlocks(); i++) {
            doubleBlocks.add(addChildBlock("double" + i, new DoubleStreamBlock(config)));
        }
        for (int i = 0; i < config.singleBlocks(); i++) {
            singleBlocks.add(addChildBlock("single" + i, new SingleStreamBlock(config)));
        }
        finalLayer = addChildBlock("final_layer", new FinalLayer(hidden, model.patchDim()));
        referenceSide = model.siglip().gridSize();
        referenceShortcut = config.referenceShortcut()
                ? addChildBlock("ref_in", new ReferenceShortcut(context, hidden, referenceSide)) : null;
    }

    /**
     * @param latents [B, C, h, w] noisy latents
     * @param sigma [B] noise level in [0, 1]
     * @param context [B, L, Dc] fused context
     * @param keep [B, L] 1 for valid context tokens, 0 for padding
     * @param pooled [B, Dc] pooled vector
     * @param guidance [B] distilled guidance; required when the config embeds guidance, ignored otherwise
     * @param referenceStarts per sample, the context position of each reference image's first SigLIP token (see
     *     {@code FusionLayout#imageStarts}), an empty array for a sample without one; null for none in the whole
     *     batch. Used only when the config aligns references or has the reference shortcut
     * @return velocity [B, C, h, w]
     */
    public NDArray forward(ParameterStore store, NDArray latents, NDArray sigma, NDArray context, NDArray keep,
            NDArray pooled, NDArray guidance, int[][] referenceStarts, boolean training) {
        return forwardWithImageTokens(store, latents, sigma, context, keep, pooled, guidance, referenceStarts,
                training).get(0);
    }

    /**
     * As {@link #forward}, also returning the image tokens where the double-stream blocks leave them: the last place
     * where image and text keep weights of their own, which a training-only head may read (the referent loss).
     *
     * @return velocity [B, C, h, w], then image tokens [B, N, D] in patch-grid row-major order
     */
    public NDList forwardWithImageTokens(ParameterStore store, NDArray latents, NDArray sigma, NDArray context,
            NDArray keep, NDArray pooled, NDArray guidance, int[][] referenceStarts, boolean training) {
        NDManager manager = latents.getManager();
        Shape s = latents.getShape();
        int gridH = Math.toIntExact(s.get(2)) / config.patchSize();
        int gridW = Math.toIntExact(s.get(3)) / config.patchSize();
        int contextLength = Math.toIntExact(context.getShape().get(1));
        NDArray img = imgIn.forward(store, Ops.patchify(latents, config.patchSize()), training); // [B, N, D]
        if (config.absolutePositions()) {
            img = img.add(ImagePositions.table(manager, gridH, gridW, config.hidden())
                    .toType(img.getDataType(), false)); // + [N, D]
        }
        // text-to-image batches (all of stage 1) have no reference: skip building and multiplying a zero selection
        if (referenceShortcut != null && referenceStarts != null && ReferenceShortcut.anyReference(referenceStarts)) {
            img = img.add(referenceShortcut.forward(store, context, referenceStarts, gridH, gridW, training));
        }
        NDArray txt = txtIn.forward(store, context, training); // [B, L, D]
        NDArray vec = timeIn.forward(store, MlpEmbedder.timestepEmbedding(sigma, config.timeEmbedDim()), training)
                .add(vectorIn.forward(store, pooled, training)); // [B, D]
        if (guidanceIn != null) {
            if (guidance == null) {
                throw new IllegalArgumentException("this DiT embeds distilled guidance: pass a guidance value");
            }
            vec = vec.add(guidanceIn.forward(store,
                    MlpEmbedder.timestepEmbedding(guidance, config.timeEmbedDim()), training));
        }
        NDList rope = config.alignedReferences() && referenceStarts != null
                ? Rotary.tables(manager, ContextPositions.aligned(referenceStarts, contextLength, referenceSide,
                        gridH, gridW), config.headDim(), config.ropeTheta()) // 2 x [B, 1, L + N, hd]
                : Rotary.tables(manager, ContextPositions.plain(contextLength, gridH, gridW), config.headDim(),
                        config.ropeTheta()); // 2 x [L + N, hd]
        NDArray imageKeep = manager.ones(new Shape(s.get(0), (long) gridH * gridW), keep.getDataType());
        NDArray mask = Ops.keyPaddingMask(keep.concat(imageKeep, 1)); // [B, 1, 1, L + N]
        for (DoubleStreamBlock block : doubleBlocks) {
            NDList out = block.forward(store, img, txt, vec, rope.get(0), rope.get(1), mask, training);
            img = out.get(0); // [B, N, D]
            txt = out.get(1); // [B, L, D]
        }
        NDArray doubleStreamImage = img; // [B, N, D]
        NDArray x = txt.concat(img, 1); // [B, L + N, D]
        for (SingleStreamBlock block : singleBlocks) {
            x = block.forward(store, x, vec, rope.get(0), rope.get(1), mask, training); // [B, L + N, D]
        }
        img = x.split(new long[] {contextLength}, 1).get(1); // [B, N, D]
        NDArray patches = finalLayer.forward(store, img, vec, training); // [B, N, C * p * p]
        NDArray output = Ops.unpatchify(patches, config.patchSize(), channels, gridH, gridW); // [B, C, h, w]
        return new NDList(config.predictsImage() ? velocityOfImage(latents, output, sigma) : output,
                doubleStreamImage);
    }

    /**
     * The velocity noise - x0 implied by a clean-image prediction: x_sigma = (1 - sigma) x0 + sigma noise gives
     * noise - x0 = (x_sigma - x0) / sigma.
     *
     * @param latents [B, C, h, w] x_sigma
     * @param image [B, C, h, w] predicted x0
     * @param sigma [B]
     * @return [B, C, h, w]
     */
    static NDArray velocityOfImage(NDArray latents, NDArray image, NDArray sigma) {
        NDArray divisor = sigma.maximum((float) DitConfig.IMAGE_PREDICTION_SIGMA_FLOOR)
                .toType(latents.getDataType(), false).reshape(-1, 1, 1, 1); // [B, 1, 1, 1]
        return latents.sub(image).div(divisor);
    }

    public DitConfig config() {
        return config;
    }

    /**
     * Inputs: latents, sigma, context, keep, pooled[, guidance] as in {@link #forward}, every context token at (0, 0);
     * output: velocity.
     */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
            PairList<String, Object> params) {
        NDArray guidance = in.size() > 5 ? in.get(5) : null;
        return new NDList(forward(store, in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), guidance, null,
                training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
