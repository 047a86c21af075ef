package dev.uniworld.model.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing of square images as two matrix products, out = R x R^T per channel, with R [to, from] holding each
 * output row's two interpolation weights (half-pixel centres, as PyTorch's {@code align_corners=False}; samples past
 * the border repeat the edge). Exact, deterministic and cheap at these sizes, and the same on every engine and device.
 */
final class BilinearResize {

    private BilinearResize() {
    }

    /** [N, C, from, from] -> [N, C, to, to]; the input unchanged when the sides agree. */
    static NDArray apply(NDArray images, int to) {
        int from = Math.toIntExact(images.getShape().get(2));
        if (from == to) {
            return images;
        }
        NDArray r = images.getManager().create(weights(from, to), new Shape(to, from)); // [to, from]
        return r.matMul(images).matMul(r.transpose()); // [N, C, to, from] -> [N, C, to, to]
    }

    /** Row-major [to, from]: the weights of the input pixels that make up each output pixel; every row sums to 1. */
    static float[] weights(int from, int to) {
        float[] out = new float[to * from];
        double scale = (double) from / to;
        for (int j = 0; j < to; j++) {
            double centre = Math.max(0, (j + 0.5) * scale - 0.5);
            int left = Math.min((int) Math.floor(centre), from - 1);
            int right = Math.min(left + 1, from - 1);
            double t = centre - left;
            out[j * from + left] += (float) (1 - t);
            out[j * from + right] += (float) t;
        }
        return out;
    }
}
