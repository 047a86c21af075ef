package dev.uniworld.model.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * The SigLIP vision encoder (also the VLM's vision tower): patch embedding, learned positions, pre-norm blocks and a
 * final LayerNorm; returns the last hidden state of every patch. The patch embedding is a linear map over
 * conv-ordered patches, which equals SigLIP's stride-p convolution; with {@link VitConfig#stemWidth()} a
 * {@link ConvStem} embeds them instead.
 *
 * <p>Input images [N, 3, S, S] in [-1, 1]; output [N, P, D] with P = (S / patch)^2.
 */
public final class VitEncoder extends ModelBlock {

    private final VitConfig config;
    /** One of the two patch embeddings: the linear map, or the convolutional stem; the other is null. */
    private final LinearLayer patchEmbedding;
    private final ConvStem stem;
    private final Parameter positions;
    private final List<VitBlock> blocks = new ArrayList<>();
    private final LayerNorm postNorm;

    public VitEncoder(VitConfig config) {
        this.config = config;
        patchEmbedding = config.stemWidth() == 0
                ? addChildBlock("patch_embedding", new LinearLayer(config.patchDim(), config.hidden(), true))
                : null;
        stem = config.stemWidth() == 0 ? null : addChildBlock("conv_stem", new ConvStem(config));
        positions = weight("position_embedding", config.tokens(), config.hidden());
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(addChildBlock("layer" + i, new VitBlock(config)));
        }
        postNorm = addChildBlock("post_layernorm", new LayerNorm(config.hidden(), config.layerNormEps(), true));
    }

    /** [N, 3, S, S] -> [N, P, D]. */
    public NDArray forward(ParameterStore store, NDArray images, boolean training) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != config.imageSize() || s.get(3) != config.imageSize()) {
            throw new IllegalArgumentException("expected images [N, 3, " + config.imageSize() + ", "
                    + config.imageSize() + "], got " + s);
        }
        NDArray embedded = stem != null
                ? stem.forward(store, images, training) // [N, P, D]
                : patchEmbedding.forward(store, Ops.patchify(images, config.patchSize()), training); // [N, P, D]
        NDArray x = embedded.add(value(store, positions, images, training)); // [N, P, D]
        for (VitBlock block : blocks) {
            x = block.forward(store, x, training); // [N, P, D]
        }
        return postNorm.forward(store, x, training); // [N, P, D]
    }

    public VitConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.tokens(), config.hidden())};
    }
}
