package dev.uniworld.training.train;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.function.IntBinaryOperator;

/**
 * UniWorld's edit-region weighting, step for step: a mask from |source - target| (grey level >= 18), a morphological
 * close with a 5x5 ellipse, 8-connected components kept if their area is at least 0.3 of the total foreground,
 * max-pooled to the model's token grid and closed again there; with x = total cells / edited cells, edited cells weigh
 * log2(x) + 1 and the rest 1. An edit that covers the whole image (x = 1), or changes nothing, weighs 1 everywhere.
 *
 * <p>Morphology treats pixels outside the image as absent (OpenCV's default border for erode and dilate).
 */
public final class EditRegionMask {

    /** Grey difference at or above which a pixel counts as edited. */
    public static final int GREY_THRESHOLD = 18;
    /** Smallest component kept, as a fraction of all foreground pixels. */
    public static final double MIN_COMPONENT_FRACTION = 0.3;
    /** OpenCV's getStructuringElement(MORPH_ELLIPSE, (5, 5)). */
    static final boolean[][] ELLIPSE_5X5 = {
        {false, false, true, false, false},
        {true, true, true, true, true},
        {true, true, true, true, true},
        {true, true, true, true, true},
        {false, false, true, false, false}};

    private EditRegionMask() {
    }

    /**
     * Per-pixel loss weights for one source/target pair.
     *
     * @param gridCell pixels per token side (the DiT patch size times the latent downsampling)
     * @return [H * W] weights, row-major
     */
    public static float[] pixelWeights(BufferedImage source, BufferedImage target, int gridCell) {
        return pixelWeights(tokenMask(source, target, gridCell), target.getWidth(), target.getHeight(), gridCell);
    }

    /**
     * Text-to-image weights: the same weighting from a plain background to the target, so that the cells of the
     * objects drawn on it weigh log2(x) + 1.
     *
     * @param backgroundRgb the target's plain background, packed 0xRRGGBB
     * @return [H * W] weights, row-major
     */
    public static float[] objectWeights(BufferedImage target, int backgroundRgb, int gridCell) {
        return pixelWeights(objectMask(target, backgroundRgb, gridCell), target.getWidth(), target.getHeight(),
                gridCell);
    }

    /** The token-grid cells where {@code target} leaves its plain background, through the same pipeline. */
    public static boolean[] objectMask(BufferedImage target, int backgroundRgb, int gridCell) {
        return tokenMask(threshold((x, y) -> backgroundRgb, target), target.getWidth(), target.getHeight(), gridCell);
    }

    /**
     * The token-grid cells holding any pixel where {@code target} leaves its plain background: every object, however
     * small, as neither a close nor the component filter runs.
     */
    public static boolean[] cellsOffBackground(BufferedImage target, int backgroundRgb, int gridCell) {
        return maxPool(threshold((x, y) -> backgroundRgb, target), target.getWidth(), target.getHeight(), gridCell);
    }

    /** The edited cells of the token grid: threshold, close, keep large components, max-pool, close. */
    public static boolean[] tokenMask(BufferedImage source, BufferedImage target, int gridCell) {
        // Step 1: grey level of the absolute difference, thresholded
        return tokenMask(threshold(source, target), target.getWidth(), target.getHeight(), gridCell);
    }

    /** Steps 2 to 4 of {@link #tokenMask(BufferedImage, BufferedImage, int)} on the thresholded pixel mask. */
    private static boolean[] tokenMask(boolean[] thresholded, int width, int height, int gridCell) {
        // Step 2: close small gaps (dilate, then erode)
        boolean[] mask = close(thresholded, width, height);
        // Step 3: drop components smaller than 0.3 of the foreground
        mask = keepLargeComponents(mask, width, height);
        // Step 4: max-pool to the token grid and close again there
        int gridW = width / gridCell;
        int gridH = height / gridCell;
        return close(maxPool(mask, width, height, gridCell), gridW, gridH);
    }

    /** Each pixel takes its token cell's weight. */
    private static float[] pixelWeights(boolean[] grid, int width, int height, int gridCell) {
        float[] cellWeights = weights(grid);
        int gridW = width / gridCell;
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = cellWeights[(y / gridCell) * gridW + x / gridCell];
            }
        }
        return out;
    }

    /** Cell weights from a mask: log2(total / edited) + 1 inside, 1 outside; all 1 when nothing (or all) is edited. */
    public static float[] weights(boolean[] mask) {
        int edited = count(mask);
        float[] out = new float[mask.length];
        float inside = edited == 0 ? 1f : (float) (Math.log((double) mask.length / edited) / Math.log(2) + 1);
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] ? inside : 1f;
        }
        return out;
    }

    static boolean[] threshold(BufferedImage source, BufferedImage target) {
        if (source.getWidth() != target.getWidth() || source.getHeight() != target.getHeight()) {
            throw new IllegalArgumentException("source and target sizes differ");
        }
        return threshold(source::getRGB, target);
    }

    /** @param source the source's packed 0xRRGGBB at (x, y) */
    private static boolean[] threshold(IntBinaryOperator source, BufferedImage target) {
        int width = target.getWidth();
        int height = target.getHeight();
        boolean[] mask = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int a = source.applyAsInt(x, y);
                int b = target.getRGB(x, y);
                int dr = Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF));
                int dg = Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF));
                int db = Math.abs((a & 0xFF) - (b & 0xFF));
                // OpenCV's RGB -> grey weights, rounded as cvtColor does
                int grey = (int) Math.round(0.299 * dr + 0.587 * dg + 0.114 * db);
                mask[y * width + x] = grey >= GREY_THRESHOLD;
            }
        }
        return mask;
    }

    static boolean[] close(boolean[] mask, int width, int height) {
        return morph(morph(mask, width, height, true), width, height, false);
    }

    /** Dilation (max over the ellipse) or erosion (min), ignoring positions outside the image. */
    static boolean[] morph(boolean[] mask, int width, int height, boolean dilate) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean value = !dilate;
                for (int ky = 0; ky < 5; ky++) {
                    for (int kx = 0; kx < 5; kx++) {
                        int sy = y + ky - 2;
                        int sx = x + kx - 2;
                        if (!ELLIPSE_5X5[ky][kx] || sy < 0 || sy >= height || sx < 0 || sx >= width) {
                            continue;
                        }
                        boolean v = mask[sy * width + sx];
                        value = dilate ? value || v : value && v;
                    }
                }
                out[y * width + x] = value;
            }
        }
        return out;
    }

    /** How many cells (or pixels) a mask marks. */
    static int count(boolean[] mask) {
        int marked = 0;
        for (boolean m : mask) {
            marked += m ? 1 : 0;
        }
        return marked;
    }

    static boolean[] keepLargeComponents(boolean[] mask, int width, int height) {
        int total = count(mask);
        int[] label = new int[mask.length];
        boolean[] out = new boolean[mask.length];
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] != 0) {
                continue;
            }
            // flood-fill one 8-connected component, remembering its pixels
            label[start] = ++next;
            queue.add(start);
            java.util.List<Integer> members = new java.util.ArrayList<>();
            while (!queue.isEmpty()) {
                int p = queue.poll();
                members.add(p);
                int py = p / width;
                int px = p % width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int ny = py + dy;
                        int nx = px + dx;
                        if (ny < 0 || ny >= height || nx < 0 || nx >= width) {
                            continue;
                        }
                        int n = ny * width + nx;
                        if (mask[n] && label[n] == 0) {
                            label[n] = next;
                            queue.add(n);
                        }
                    }
                }
            }
            if (members.size() >= MIN_COMPONENT_FRACTION * total) {
                members.forEach(p -> out[p] = true);
            }
        }
        return out;
    }

    static boolean[] maxPool(boolean[] mask, int width, int height, int cell) {
        int gridW = width / cell;
        int gridH = height / cell;
        boolean[] out = new boolean[gridW * gridH];
        for (int y = 0; y < gridH * cell; y++) {
            for (int x = 0; x < gridW * cell; x++) {
                if (mask[y * width + x]) {
                    out[(y / cell) * gridW + x / cell] = true;
                }
            }
        }
        return out;
    }
}
