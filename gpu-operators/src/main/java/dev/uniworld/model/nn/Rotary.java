package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Rotary position embedding over one or more position axes, in the rotate-half layout (pair i with i + hd/2). With
 * several axes the rotated pairs are split evenly between them: FLUX gives image tokens (row, column) and text tokens
 * (0, 0), which rotates text by nothing. The tables are built on the host: they depend only on positions.
 */
public final class Rotary {

    private Rotary() {
    }

    /**
     * cos and sin tables, each [T, headDim].
     *
     * @param positions positions[axis][token]; every axis has the same token count
     */
    public static NDList tables(NDManager manager, int[][] positions, int headDim, double theta) {
        double[][] real = new double[positions.length][];
        for (int axis = 0; axis < positions.length; axis++) {
            real[axis] = Arrays.stream(positions[axis]).asDoubleStream().toArray();
        }
        int tokens = positions[0].length;
        float[] cos = new float[tokens * headDim];
        float[] sin = new float[tokens * headDim];
        fill(real, headDim, theta, cos, sin, 0);
        Shape shape = new Shape(tokens, headDim);
        return new NDList(manager.create(cos, shape), manager.create(sin, shape));
    }

    /**
     * cos and sin tables with positions per sample, each [B, 1, T, headDim] (broadcast over the heads).
     *
     * @param positions positions[sample][axis][token], possibly between grid points
     */
    public static NDList tables(NDManager manager, double[][][] positions, int headDim, double theta) {
        int batch = positions.length;
        int tokens = positions[0][0].length;
        float[] cos = new float[batch * tokens * headDim];
        float[] sin = new float[batch * tokens * headDim];
        for (int b = 0; b < batch; b++) {
            fill(positions[b], headDim, theta, cos, sin, b * tokens * headDim);
        }
        Shape shape = new Shape(batch, 1, tokens, headDim);
        return new NDList(manager.create(cos, shape), manager.create(sin, shape));
    }

    /** Writes one sample's [T, headDim] cos and sin from {@code offset}. */
    private static void fill(double[][] positions, int headDim, double theta, float[] cos, float[] sin, int offset) {
        int axes = positions.length;
        int tokens = positions[0].length;
        int pairs = headDim / 2;
        int pairsPerAxis = pairs / axes;
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < pairs; j++) {
                int axis = Math.min(j / pairsPerAxis, axes - 1);
                int k = j - axis * pairsPerAxis;
                double frequency = Math.pow(theta, -2.0 * k / (2.0 * pairsPerAxis));
                double angle = positions[axis][t] * frequency;
                int base = offset + t * headDim;
                cos[base + j] = (float) Math.cos(angle);
                cos[base + j + pairs] = cos[base + j];
                sin[base + j] = (float) Math.sin(angle);
                sin[base + j + pairs] = sin[base + j];
            }
        }
    }

    /** Consecutive 1-D positions 0..T-1. */
    public static NDList sequence(NDManager manager, int tokens, int headDim, double theta) {
        int[] positions = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            positions[i] = i;
        }
        return tables(manager, new int[][] {positions}, headDim, theta);
    }

    /** Rotates x [B, H, T, hd] by the tables cos, sin [T, hd] or [B, 1, T, hd]. */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3); // 2 x [B, H, T, hd/2]
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3); // [B, H, T, hd]
        return x.mul(cos).add(rotated.mul(sin));
    }
}
