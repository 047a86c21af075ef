package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.ShapeColour;
import java.awt.image.BufferedImage;

/**
 * Every pixel of an image assigned to its nearest palette colour when it is close enough: a shape colour (its
 * ordinal), a background colour ({@link #backgroundCode}) or {@link #UNKNOWN} (anti-aliased blends, noise).
 */
final class PixelClasses {

    static final int UNKNOWN = -1;
    private static final int BACKGROUND_BASE = 100;

    private final int width;
    private final int height;
    private final int[] codes;
    private final Background background;

    private PixelClasses(int width, int height, int[] codes, Background background) {
        this.width = width;
        this.height = height;
        this.codes = codes;
        this.background = background;
    }

    static PixelClasses of(BufferedImage image, double tolerance) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] codes = new int[width * height];
        // the background is the background colour most pixels are nearest to, close or not, so that every image has one
        int[] nearestBackgroundVotes = new int[Background.values().length];
        double maxDistanceSquared = tolerance * tolerance;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int code = UNKNOWN;
                double best = maxDistanceSquared;
                for (ShapeColour colour : ShapeColour.values()) {
                    double d = distanceSquared(rgb, colour.rgb());
                    if (d <= best) {
                        best = d;
                        code = colour.ordinal();
                    }
                }
                double bestBackground = Double.MAX_VALUE;
                Background nearestBackground = Background.WHITE;
                for (Background candidate : Background.values()) {
                    double d = distanceSquared(rgb, candidate.rgb());
                    if (d < bestBackground) {
                        bestBackground = d;
                        nearestBackground = candidate;
                    }
                }
                nearestBackgroundVotes[nearestBackground.ordinal()]++;
                if (bestBackground <= best) {
                    code = backgroundCode(nearestBackground);
                }
                codes[y * width + x] = code;
            }
        }
        Background background = Background.values()[argMax(nearestBackgroundVotes)];
        return new PixelClasses(width, height, codes, background);
    }

    static int backgroundCode(Background background) {
        return BACKGROUND_BASE + background.ordinal();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int code(int x, int y) {
        return codes[y * width + x];
    }

    /** The image's background colour. */
    Background background() {
        return background;
    }

    /** Whether the pixel shows the image's background colour (not a shape, not a blend). */
    boolean isBackground(int x, int y) {
        return code(x, y) == backgroundCode(background);
    }

    private static double distanceSquared(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return dr * dr + dg * dg + db * db;
    }

    private static int argMax(int[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
