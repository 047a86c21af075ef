package dev.uniworld.training.models;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The ground truth, softened by a box blur of a given radius: a calibration of the image scorers, which read shapes
 * from their outlines. How far its scores fall with the radius says how sharp a model's images must be before the
 * scores can credit what they show; radius 0 is the ground truth itself.
 */
public final class BlurredTruthModel implements VisualModel {

    /** Name prefix on the command line: {@code blurred-truth:R}. */
    public static final String PREFIX = "blurred-truth:";

    private final GroundTruthModel truth;
    private final int radius;

    public BlurredTruthModel(GroundTruthModel truth, int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("blur radius must be >= 0, was " + radius);
        }
        this.truth = truth;
        this.radius = radius;
    }

    @Override
    public String name() {
        return PREFIX + radius;
    }

    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        return truth.answer(prompt, images);
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> images, long seed) {
        return blur(truth.generate(prompt, images, seed), radius);
    }

    /** Each pixel becomes the mean of the (2r + 1)^2 square around it, edges clamped, per channel. */
    static BufferedImage blur(BufferedImage image, int radius) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] in = image.getRGB(0, 0, width, height, null, 0, width);
        int[] out = new int[in.length];
        int count = (2 * radius + 1) * (2 * radius + 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = 0;
                int green = 0;
                int blue = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    int row = Math.min(height - 1, Math.max(0, y + dy)) * width;
                    for (int dx = -radius; dx <= radius; dx++) {
                        int pixel = in[row + Math.min(width - 1, Math.max(0, x + dx))];
                        red += (pixel >> 16) & 0xff;
                        green += (pixel >> 8) & 0xff;
                        blue += pixel & 0xff;
                    }
                }
                out[y * width + x] = (red / count) << 16 | (green / count) << 8 | blue / count;
            }
        }
        BufferedImage blurred = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        blurred.setRGB(0, 0, width, height, out, 0, width);
        return blurred;
    }
}
