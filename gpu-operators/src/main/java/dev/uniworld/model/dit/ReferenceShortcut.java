package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;

/**
 * The per-patch path from reference images to image tokens ({@link DitConfig#referenceShortcut}; parameters under
 * {@code dit.ref_in}): each image token receives a linear projection of the fused context token of the reference
 * SigLIP token whose area holds its patch centre, summed over the sample's reference images. Samples without a
 * reference receive zeros. The gather is a one-hot matrix product, which keeps it differentiable and batched; at
 * tiny's 64 image tokens and some 100 context tokens it costs less than the projection.
 */
public final class ReferenceShortcut extends ModelBlock {

    private final LinearLayer projection;
    private final int referenceSide;

    public ReferenceShortcut(int contextDim, int hidden, int referenceSide) {
        this.projection = addChildBlock("proj", new LinearLayer(contextDim, hidden, false));
        this.referenceSide = referenceSide;
    }

    /** Whether any sample has a reference image: without one the shortcut adds zeros and can be skipped. */
    public static boolean anyReference(int[][] referenceStarts) {
        for (int[] starts : referenceStarts) {
            if (starts.length > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param context [B, L, Dc] fused context
     * @param referenceStarts per sample, the context position of each reference image's first SigLIP token
     * @return [B, gridH * gridW, D] to add to the image tokens
     */
    public NDArray forward(ParameterStore store, NDArray context, int[][] referenceStarts, int gridH, int gridW,
            boolean training) {
        Shape s = context.getShape();
        int batch = Math.toIntExact(s.get(0));
        int contextLength = Math.toIntExact(s.get(1));
        if (referenceStarts.length != batch) {
            throw new IllegalArgumentException("reference starts for " + referenceStarts.length
                    + " samples, context for " + batch);
        }
        float[] pick = selection(referenceStarts, contextLength, referenceSide, gridH, gridW);
        NDArray select = context.getManager().create(pick, new Shape(batch, (long) gridH * gridW, contextLength))
                .toType(context.getDataType(), false); // [B, N, L]
        return projection.forward(store, select.matMul(context), training); // [B, N, Dc] -> [B, N, D]
    }

    /**
     * Row-major [B, N, L] with a 1 where image token n of sample b takes context token l: for patch (row, column) of
     * a gridH x gridW grid, the token of each reference's side x side grid whose area holds the patch centre, row
     * floor((row + 1/2) * side / gridH) and column likewise.
     */
    public static float[] selection(int[][] referenceStarts, int contextLength, int side, int gridH, int gridW) {
        int tokens = gridH * gridW;
        float[] pick = new float[referenceStarts.length * tokens * contextLength];
        for (int b = 0; b < referenceStarts.length; b++) {
            for (int start : referenceStarts[b]) {
                ContextPositions.requireInside(start, side, contextLength);
                for (int n = 0; n < tokens; n++) {
                    int row = (2 * (n / gridW) + 1) * side / (2 * gridH);
                    int column = (2 * (n % gridW) + 1) * side / (2 * gridW);
                    pick[(b * tokens + n) * contextLength + start + row * side + column] += 1f;
                }
            }
        }
        return pick;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("called by DitModel with the reference positions");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("called by DitModel with the reference positions");
    }
}
