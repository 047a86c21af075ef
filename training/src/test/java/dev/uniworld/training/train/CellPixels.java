package dev.uniworld.training.train;

import java.awt.image.BufferedImage;

/** Counts over the 8x8 token cells of a 64x64 picture, drawn independently of the code under test. */
final class CellPixels {

    static final int CELL = 8;

    private CellPixels() {
    }

    /** Per cell (row-major), the pixels of a segmentation map that are not black. */
    static int[] whitePixelsPerCell(BufferedImage mask) {
        return differingPixelsPerCell(mask, 0x000000);
    }

    /** Per cell (row-major), the pixels whose colour differs from {@code rgb} by over 100 summed on three channels. */
    static int[] differingPixelsPerCell(BufferedImage image, int rgb) {
        int grid = image.getWidth() / CELL;
        int[] out = new int[grid * grid];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int distance = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    distance += Math.abs(((p >> shift) & 0xFF) - ((rgb >> shift) & 0xFF));
                }
                out[(y / CELL) * grid + x / CELL] += distance > 100 ? 1 : 0;
            }
        }
        return out;
    }

    static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
