package dev.uniworld.model.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * A ViT's patch embedding as a stack of stride-2 2x2 convolutions with GELU between them (the hierarchical "hMLP"
 * stem of Touvron et al. 2022, "Three things everyone should know about Vision Transformers") in place of one linear
 * map per patch. A pretrained ViT's linear embedding has seen billions of images; one trained from scratch on a few
 * hundred thousand must learn an edge anew at every offset inside its 8x8 patch, while the stem's first layer is
 * shared by the 16 2x2 squares of a patch and its second by the four 4x4 quarters. Each layer is a matrix product
 * over non-overlapping 2x2 windows: no pixel is seen twice, so it costs about one linear embedding per layer, where
 * overlapping 3x3 convolutions would run through PyTorch's CPU convolution kernels. Channels as
 * {@link VitConfig#stemChannels()}.
 *
 * <p>[N, 3, S, S] -> [N, P, D], tokens in the row-major order of {@code Ops.patchify}.
 */
public final class ConvStem extends ModelBlock {

    private final List<LinearLayer> layers = new ArrayList<>();
    private final VitConfig config;

    public ConvStem(VitConfig config) {
        this.config = config;
        int[] channels = config.stemChannels();
        for (int i = 0; i + 1 < channels.length; i++) {
            layers.add(addChildBlock("conv" + i, new LinearLayer(4L * channels[i], channels[i + 1], true)));
        }
    }

    /** [N, 3, S, S] -> [N, P, D]. */
    public NDArray forward(ParameterStore store, NDArray images, boolean training) {
        long n = images.getShape().get(0);
        long side = config.imageSize();
        NDArray x = images.transpose(0, 2, 3, 1).reshape(n, side * side, 3); // [N, S*S, 3], pixels as tokens
        for (int i = 0; i < layers.size(); i++) {
            NDArray windows = Ops.mergeWindows(x, side, 2); // [N, (s/2)^2, 4C]
            side /= 2;
            x = layers.get(i).forward(store, windows, training); // [N, s*s, C_next]
            if (i + 1 < layers.size()) {
                x = Ops.gelu(x);
            }
        }
        return x; // [N, P, D], row-major
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
