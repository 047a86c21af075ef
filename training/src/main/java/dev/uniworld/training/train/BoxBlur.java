package dev.uniworld.training.train;

/**
 * A box blur of planar float images, as the blurred inputs of {@link Recipe#blurShare} need it: each value becomes
 * the mean of the (2r + 1) x (2r + 1) square around it, coordinates clamped at the border (the same rule as the
 * evaluator's {@code blurred-truth:R}, without its rounding to 8-bit colours). Done as two one-dimensional passes.
 */
final class BoxBlur {

    private BoxBlur() {
    }

    /**
     * Blurs one image in place.
     *
     * @param planes [C, side, side] row-major, starting at {@code offset}
     * @param channels C
     * @param side the image's width and height
     * @param radius r >= 0 (0 leaves the image as it is)
     */
    static void blur(float[] planes, int offset, int channels, int side, int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("blur radius must be >= 0, was " + radius);
        }
        if (radius == 0) {
            return;
        }
        float[] line = new float[side];
        for (int c = 0; c < channels; c++) {
            int plane = offset + c * side * side;
            for (int row = 0; row < side; row++) {
                pass(planes, plane + row * side, 1, side, radius, line);
            }
            for (int column = 0; column < side; column++) {
                pass(planes, plane + column, side, side, radius, line);
            }
        }
    }

    /** Replaces the {@code side} values at start, start + stride, ... by their clamped running means. */
    private static void pass(float[] values, int start, int stride, int side, int radius, float[] line) {
        for (int i = 0; i < side; i++) {
            line[i] = values[start + i * stride];
        }
        float width = 2 * radius + 1;
        for (int i = 0; i < side; i++) {
            float sum = 0;
            for (int d = -radius; d <= radius; d++) {
                sum += line[Math.min(side - 1, Math.max(0, i + d))];
            }
            values[start + i * stride] = sum / width;
        }
    }
}
