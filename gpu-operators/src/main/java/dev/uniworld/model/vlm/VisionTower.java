package dev.uniworld.model.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.model.nn.TwoLayerMlp;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.RmsNorm;
import dev.uniworld.model.siglip.VitEncoder;

/**
 * The VLM's own eyes, as in Qwen2.5-VL: a ViT whose patch tokens are merged in m x m windows (RMSNorm, then an MLP over
 * the concatenated window) into VLM-width tokens, so an image costs m^2 times fewer sequence positions. Images of
 * another side than the tower's are resized to it first (bilinear), as Qwen2.5-VL's processor resizes its inputs; so
 * a 64-pixel ShapesWorld image can meet a 72-pixel tower whose 3x3 merged tokens each cover one cell of the world's
 * 3x3 grid. [N, 3, S', S'] -> [N, M, D_vlm] with M = (S / patch / m)^2, S the tower's side.
 */
public final class VisionTower extends ModelBlock {

    private final VlmConfig config;
    private final VitEncoder encoder;
    private final RmsNorm mergeNorm;
    private final TwoLayerMlp merger;

    public VisionTower(VlmConfig config) {
        this.config = config;
        int width = config.vision().hidden();
        int window = config.mergeSize() * config.mergeSize();
        encoder = addChildBlock("encoder", new VitEncoder(config.vision()));
        mergeNorm = addChildBlock("merge_norm", new RmsNorm(width, config.rmsNormEps()));
        merger = addChildBlock("merger", new TwoLayerMlp((long) width * window, (long) width * window,
                config.hidden(), TwoLayerMlp.Activation.GELU));
    }

    public NDArray forward(ParameterStore store, NDArray images, boolean training) {
        NDArray sized = BilinearResize.apply(images, config.vision().imageSize()); // [N, 3, S, S]
        NDArray x = mergeNorm.forward(store, encoder.forward(store, sized, training), training); // [N, g*g, Dv]
        NDArray windows = Ops.mergeWindows(x, config.vision().gridSize(), config.mergeSize()); // [N, M, m*m*Dv]
        return merger.forward(store, windows, training); // [N, M, D_vlm]
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.tokensPerImage(), config.hidden())};
    }
}
