package dev.uniworld.model.connector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.ConnectorConfig;
import dev.uniworld.model.nn.TwoLayerMlp;
import dev.uniworld.model.nn.ModelBlock;

/**
 * Connector fusion: projects VLM states and SigLIP patch states to the DiT context width with two MLPs and lays them
 * out as one context sequence (see {@link FusionLayout}); appends optional extra text-encoder tokens, which already
 * come at context width; pools the projected VLM tokens into the DiT's vector input.
 */
public final class ContextFusion extends ModelBlock {

    private final ConnectorConfig config;
    private final int visionEnd;
    private final TwoLayerMlp vlmConnector;
    private final TwoLayerMlp siglipConnector;

    public ContextFusion(ConnectorConfig config, int vlmWidth, int siglipWidth, int visionEnd) {
        this.config = config;
        this.visionEnd = visionEnd;
        vlmConnector = addChildBlock("vlm_connector", new TwoLayerMlp(vlmWidth, config.hiddenDim(),
                config.contextDim(), TwoLayerMlp.Activation.SILU));
        siglipConnector = addChildBlock("siglip_connector", new TwoLayerMlp(siglipWidth, config.hiddenDim(),
                config.contextDim(), TwoLayerMlp.Activation.SILU));
    }

    /**
     * @param vlmHidden [B, T, Dv] right-padded VLM states
     * @param tokenIds unpadded prompt ids per sample (locate each image's vision_end)
     * @param siglip [N, P, Ds] SigLIP states of the batch's images in prompt order; null for none
     * @param extra [B, E, C] extra text-encoder tokens; null for none
     * @param extraLengths valid extra tokens per sample; null when extra is null
     */
    public FusedArrays fuse(ParameterStore store, NDArray vlmHidden, int[][] tokenIds, NDArray siglip, NDArray extra,
            int[] extraLengths, boolean training) {
        NDManager manager = vlmHidden.getManager();
        Shape s = vlmHidden.getShape();
        int images = siglip == null ? 0 : Math.toIntExact(siglip.getShape().get(0));
        int perImage = images == 0 ? 0 : Math.toIntExact(siglip.getShape().get(1));
        int extraLength = extra == null ? 0 : Math.toIntExact(extra.getShape().get(1));
        if (extra != null && extra.getShape().get(2) != config.contextDim()) {
            throw new IllegalArgumentException("extra text tokens must be " + config.contextDim() + " wide");
        }
        FusionLayout layout = FusionLayout.plan(tokenIds, Math.toIntExact(s.get(1)), visionEnd, images, perImage,
                extra == null ? null : extraLengths, extraLength);
        long width = config.contextDim();
        NDArray vlm = vlmConnector.forward(store, vlmHidden, training); // [B, T, C]
        NDArray table = vlm.reshape(s.get(0) * s.get(1), width); // [B*T, C]
        if (images > 0) {
            NDArray projected = siglipConnector.forward(store, siglip, training); // [N, P, C]
            table = table.concat(projected.reshape((long) images * perImage, width), 0);
        }
        if (extra != null) {
            table = table.concat(extra.reshape(s.get(0) * extraLength, width), 0);
        }
        table = table.concat(manager.zeros(new Shape(1, width), table.getDataType()), 0); // + zero row
        NDArray index = manager.create(layout.rows(), new Shape(s.get(0), layout.paddedLength()));
        NDArray context = table.get(index); // [B, L, C]
        NDArray keep = lengthMask(manager, layout.lengths(), layout.paddedLength()); // [B, L]
        NDArray vlmKeep = lengthMask(manager, lengths(tokenIds), Math.toIntExact(s.get(1))).expandDims(2); // [B,T,1]
        NDArray pooled = vlm.mul(vlmKeep).sum(new int[] {1}).div(vlmKeep.sum(new int[] {1})); // [B, C]
        return new FusedArrays(context, keep, pooled, layout);
    }

    /** [B, L] with 1 at positions below each length. */
    public static NDArray lengthMask(NDManager manager, int[] lengths, int padded) {
        float[] mask = new float[lengths.length * padded];
        for (int b = 0; b < lengths.length; b++) {
            java.util.Arrays.fill(mask, b * padded, b * padded + lengths[b], 1f);
        }
        return manager.create(mask, new Shape(lengths.length, padded));
    }

    private static int[] lengths(int[][] tokenIds) {
        int[] lengths = new int[tokenIds.length];
        for (int b = 0; b < tokenIds.length; b++) {
            lengths[b] = tokenIds[b].length;
        }
        return lengths;
    }

    /**
     * Inputs: vlmHidden [B, T, Dv], tokenIds [B, T] int64 right-padded, lengths [B] int32, optionally siglip [N, P, Ds]
     * (N may be 0). Outputs: context [B, L, C], keep [B, L], pooled [B, C].
     */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        FusedArrays fused = fuse(store, inputs, training);
        return new NDList(fused.context(), fused.keep(), fused.pooled());
    }

    /** {@link #fuse} from the block inputs of {@link #forwardInternal}, keeping the layout. */
    public FusedArrays fuse(ParameterStore store, NDList inputs, boolean training) {
        long[] padded = inputs.get(1).toType(DataType.INT64, false).toLongArray();
        int[] lengths = inputs.get(2).toType(DataType.INT32, false).toIntArray();
        int width = Math.toIntExact(inputs.get(1).getShape().get(1));
        int[][] ids = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            ids[b] = new int[lengths[b]];
            for (int t = 0; t < lengths[b]; t++) {
                ids[b][t] = Math.toIntExact(padded[b * width + t]);
            }
        }
        NDArray siglip = inputs.size() > 3 ? inputs.get(3) : null;
        return fuse(store, inputs.get(0), ids, siglip, null, null, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        // the fused length depends on the token ids, so only the batch and width are known from shapes
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, -1, config.contextDim()), new Shape(batch, -1),
            new Shape(batch, config.contextDim())};
    }
}
