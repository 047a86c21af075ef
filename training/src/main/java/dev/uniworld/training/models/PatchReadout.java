package dev.uniworld.training.models;

import dev.uniworld.model.HostTensor;

/**
 * The best linear map, in the least-squares sense, from an encoder's patch token (plus a constant) to the pixels of
 * its own patch, with a small ridge so that a token dimension no image uses does not make the fit singular. Fitted
 * from the normal equations, which at a token width of 64 are a 65 x 65 system however many patches feed it.
 *
 * <p>Images are [3, S, S] in [-1, 1], row-major; tokens [P, D] per image with P = (S / patch)^2 in row-major patch
 * order, as the vision encoders emit them.
 */
final class PatchReadout {

    /** Ridge per fitted patch, added to the diagonal: small against a token's squared norm (order 1 to 100). */
    static final double RIDGE_PER_PATCH = 1e-5;

    private final int side;
    private final int patch;
    private final int grid;
    private final int inputs;
    private final int outputs;
    private final double[][] gram; // [D + 1, D + 1] sum of x x^T
    private final double[][] cross; // [D + 1, 3 patch^2] sum of x y^T
    private long patches;
    private double[][] weights; // [D + 1, 3 patch^2] once solved

    PatchReadout(int side, int patch, int tokenWidth) {
        if (side % patch != 0) {
            throw new IllegalArgumentException("patch " + patch + " does not divide the image side " + side);
        }
        this.side = side;
        this.patch = patch;
        this.grid = side / patch;
        this.inputs = tokenWidth + 1;
        this.outputs = 3 * patch * patch;
        this.gram = new double[inputs][inputs];
        this.cross = new double[inputs][outputs];
    }

    /** Adds every patch of image {@code b} of {@code tokens} [B, P, D] with its pixels {@code image} [3, S, S]. */
    void add(HostTensor tokens, int b, float[] image) {
        if (weights != null) {
            throw new IllegalStateException("the read-out is already fitted");
        }
        // checked before any patch is added, so that a refused image leaves the sums as they were
        requireShape(tokens, b);
        if (image.length != 3 * side * side) {
            throw new IllegalArgumentException("image has " + image.length + " values, a [3, " + side + ", " + side
                    + "] image " + 3 * side * side);
        }
        for (int t = 0; t < grid * grid; t++) {
            double[] x = token(tokens, b, t);
            double[] y = pixels(image, t);
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < inputs; j++) {
                    gram[i][j] += x[i] * x[j];
                }
                for (int j = 0; j < outputs; j++) {
                    cross[i][j] += x[i] * y[j];
                }
            }
            patches++;
        }
    }

    /** Solves for the map; after this, {@link #read} works and {@link #add} refuses. */
    void fit() {
        if (patches == 0) {
            throw new IllegalStateException("no patches to fit the read-out on");
        }
        double[][] a = new double[inputs][];
        for (int i = 0; i < inputs; i++) {
            a[i] = gram[i].clone();
            a[i][i] += RIDGE_PER_PATCH * patches;
        }
        double[][] b = new double[inputs][];
        for (int i = 0; i < inputs; i++) {
            b[i] = cross[i].clone();
        }
        weights = LinearSolve.solve(a, b);
    }

    /** The image [3, S, S] that the map reads from image {@code b} of {@code tokens} [B, P, D], clamped to [-1, 1]. */
    float[] read(HostTensor tokens, int b) {
        if (weights == null) {
            throw new IllegalStateException("fit the read-out first");
        }
        requireShape(tokens, b);
        float[] image = new float[3 * side * side];
        for (int t = 0; t < grid * grid; t++) {
            double[] x = token(tokens, b, t);
            for (int j = 0; j < outputs; j++) {
                double v = 0;
                for (int i = 0; i < inputs; i++) {
                    v += x[i] * weights[i][j];
                }
                image[pixelIndex(t, j)] = (float) Math.max(-1, Math.min(1, v));
            }
        }
        return image;
    }

    private void requireShape(HostTensor tokens, int b) {
        int width = inputs - 1;
        if (tokens.shape().length != 3 || tokens.dim(1) != (long) grid * grid || tokens.dim(2) != width) {
            throw new IllegalArgumentException("tokens " + tokens + " do not match " + grid * grid
                    + " patches of width " + width);
        }
        if (b < 0 || b >= tokens.dim(0)) {
            throw new IllegalArgumentException("image " + b + " of tokens for " + tokens.dim(0) + " images");
        }
    }

    private double[] token(HostTensor tokens, int b, int t) {
        int width = inputs - 1;
        double[] x = new double[inputs];
        int base = (b * grid * grid + t) * width;
        for (int i = 0; i < width; i++) {
            x[i] = tokens.data()[base + i];
        }
        x[width] = 1; // the constant, for each pixel's offset
        return x;
    }

    private double[] pixels(float[] image, int t) {
        double[] y = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            y[j] = image[pixelIndex(t, j)];
        }
        return y;
    }

    /** Output j = (channel, row, column) of patch t, as an index into a [3, S, S] image. */
    private int pixelIndex(int t, int j) {
        int channel = j / (patch * patch);
        int row = (t / grid) * patch + (j / patch) % patch;
        int column = (t % grid) * patch + j % patch;
        return (channel * side + row) * side + column;
    }
}
