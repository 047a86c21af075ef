package dev.uniworld.model.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A fixed sine-cosine code of where each image token's patch lies, added to the token's embedding when
 * {@link dev.uniworld.model.config.DitConfig#absolutePositions} is on: the DiT paper's fixed 2-D code, here over the
 * patch centre's fraction of the image height and width rather than its grid index, so that "top-left" is the same
 * code at every resolution. The first half of the width codes the row, the second the column; each half holds
 * {@code width / 4} frequencies, sines then cosines. The frequencies run geometrically from a quarter turn over the
 * whole image, which orders every place along the axis, to eight half turns, which tells neighbouring patches of an
 * 8-patch side apart. A DiT's width is always a multiple of 4, as its rotary head width must be. Built on the host:
 * it depends only on the grid.
 */
public final class ImagePositions {

    /** Angle, in radians, of the lowest frequency across the whole image: a quarter turn. */
    private static final double LOWEST = Math.PI / 2;
    /** Highest over lowest frequency: 16, so the highest turns 8 pi across the image. */
    private static final double SPAN = 16;

    private ImagePositions() {
    }

    /**
     * @param gridH patch rows
     * @param gridW patch columns
     * @param width embedding width, a multiple of 4
     * @return [gridH * gridW, width], row-major over the patches as {@code Ops.patchify} orders them
     */
    public static NDArray table(NDManager manager, int gridH, int gridW, int width) {
        if (width % 4 != 0) {
            throw new IllegalArgumentException("image position width must be a multiple of 4, was " + width);
        }
        int half = width / 2;
        float[] values = new float[gridH * gridW * width];
        for (int row = 0; row < gridH; row++) {
            for (int col = 0; col < gridW; col++) {
                int offset = (row * gridW + col) * width;
                code((row + 0.5) / gridH, values, offset, half);
                code((col + 0.5) / gridW, values, offset + half, half);
            }
        }
        return manager.create(values, new Shape((long) gridH * gridW, width));
    }

    /** Writes {@code half} values for a place {@code fraction} of the way along one axis, from {@code offset}. */
    private static void code(double fraction, float[] values, int offset, int half) {
        int frequencies = half / 2;
        for (int k = 0; k < frequencies; k++) {
            double exponent = frequencies == 1 ? 0 : (double) k / (frequencies - 1);
            double angle = fraction * LOWEST * Math.pow(SPAN, exponent);
            values[offset + k] = (float) Math.sin(angle);
            values[offset + frequencies + k] = (float) Math.cos(angle);
        }
    }
}
