package dev.uniworld.model.dit;

import java.util.Arrays;

/**
 * Rotary positions of the DiT's joint sequence [L context tokens | N image tokens], axis 0 rows and axis 1 columns on
 * the image's patch grid. Context tokens sit at (0, 0) as in FLUX, except, when references are aligned, each reference
 * image's SigLIP tokens: token (r, c) of its s x s grid covers the same image area as DiT patches around
 * ((r + 1/2) * gridH / s - 1/2, (c + 1/2) * gridW / s - 1/2), the centre of that area in patch units.
 */
public final class ContextPositions {

    private ContextPositions() {
    }

    /** positions[axis][token] with every context token at (0, 0). */
    public static int[][] plain(int contextLength, int gridH, int gridW) {
        int total = contextLength + gridH * gridW;
        int[][] positions = new int[2][total];
        for (int i = 0; i < gridH * gridW; i++) {
            positions[0][contextLength + i] = i / gridW;
            positions[1][contextLength + i] = i % gridW;
        }
        return positions;
    }

    /**
     * positions[sample][axis][token] with reference tokens aligned.
     *
     * @param referenceStarts per sample, the context position of each reference image's first SigLIP token
     * @param referenceSide s, SigLIP tokens per side of a reference image (its s * s tokens are consecutive)
     */
    public static double[][][] aligned(int[][] referenceStarts, int contextLength, int referenceSide, int gridH,
            int gridW) {
        int[][] plain = plain(contextLength, gridH, gridW);
        double[][][] out = new double[referenceStarts.length][2][];
        for (int b = 0; b < referenceStarts.length; b++) {
            for (int axis = 0; axis < 2; axis++) {
                out[b][axis] = Arrays.stream(plain[axis]).asDoubleStream().toArray();
            }
            for (int start : referenceStarts[b]) {
                requireInside(start, referenceSide, contextLength);
                for (int p = 0; p < referenceSide * referenceSide; p++) {
                    out[b][0][start + p] = centre(p / referenceSide, gridH, referenceSide);
                    out[b][1][start + p] = centre(p % referenceSide, gridW, referenceSide);
                }
            }
        }
        return out;
    }

    /** Throws unless the side x side reference tokens from {@code start} lie inside a context of this length. */
    static void requireInside(int start, int side, int contextLength) {
        if (start < 0 || start + side * side > contextLength) {
            throw new IllegalArgumentException("reference tokens from " + start + " do not fit a context of "
                    + contextLength);
        }
    }

    /** Patch-grid coordinate of the centre of reference cell {@code index} of {@code side} along a grid of cells. */
    static double centre(int index, int grid, int side) {
        return (index + 0.5) * grid / side - 0.5;
    }
}
