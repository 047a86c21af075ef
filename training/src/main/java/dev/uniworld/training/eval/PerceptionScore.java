package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.PerceptionMaps;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.tasks.TaskCategory;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A perception output against its rendered truth.
 *
 * @param overlap       the task's region score: edge F1 with one pixel of tolerance (edges), IoU of the mask
 *                      (segmentation), mean IoU over depth levels (depth), IoU of the shapes' pixels (reconstruction)
 * @param pixelAccuracy share of pixels that agree (binary for masks, per level for depth, within a small colour
 *                      tolerance for reconstruction)
 * @param success       the output counts as correct: overlap of at least {@link #MIN_OVERLAP} (edges
 *                      {@link #MIN_EDGE_F1}), and for reconstruction pixel accuracy of at least
 *                      {@link #MIN_RECONSTRUCTION_ACCURACY}
 */
public record PerceptionScore(boolean success, double overlap, double pixelAccuracy) {

    static final double MIN_OVERLAP = 0.5;
    /** Edges are thin, so even random pixels land near many of them: the bar sits higher than for masks. */
    static final double MIN_EDGE_F1 = 0.75;
    static final double MIN_RECONSTRUCTION_ACCURACY = 0.95;
    /** Largest per-channel difference at which a reconstructed pixel still counts as right. */
    private static final int COLOUR_TOLERANCE = 32;

    /** @param targetScene the input scene (its background tells shapes from background in reconstruction) */
    public static PerceptionScore of(TaskCategory category, BufferedImage truth, BufferedImage output,
            Scene targetScene) {
        BufferedImage resized = resize(output, truth.getWidth());
        return switch (category) {
            case EDGES -> edges(truth, resized);
            case SEGMENTATION -> segmentation(truth, resized);
            case DEPTH -> depth(truth, resized);
            case RECONSTRUCTION -> reconstruction(truth, resized, targetScene.background().rgb());
            default -> throw new IllegalArgumentException("not a perception task: " + category);
        };
    }

    private static PerceptionScore edges(BufferedImage truth, BufferedImage output) {
        Masks masks = Masks.binary(truth, output);
        double f1 = masks.tolerantF1();
        return new PerceptionScore(f1 >= MIN_EDGE_F1, f1, masks.accuracy());
    }

    private static PerceptionScore segmentation(BufferedImage truth, BufferedImage output) {
        Masks masks = Masks.binary(truth, output);
        double iou = masks.iou(1);
        return new PerceptionScore(iou >= MIN_OVERLAP, iou, masks.accuracy());
    }

    private static PerceptionScore depth(BufferedImage truth, BufferedImage output) {
        Masks levels = Masks.levels(truth, output, PerceptionMaps.depthLevels());
        double meanIou = levels.meanIou();
        return new PerceptionScore(meanIou >= MIN_OVERLAP, meanIou, levels.accuracy());
    }

    private static PerceptionScore reconstruction(BufferedImage truth, BufferedImage output, int background) {
        int pixels = truth.getWidth() * truth.getHeight();
        int close = 0;
        int[] foreground = new int[pixels];
        int[] predicted = new int[pixels];
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < truth.getWidth(); x++) {
                int expected = truth.getRGB(x, y);
                int actual = output.getRGB(x, y);
                close += maxChannelDifference(expected, actual) <= COLOUR_TOLERANCE ? 1 : 0;
                foreground[y * truth.getWidth() + x] = maxChannelDifference(expected, background) > COLOUR_TOLERANCE
                        ? 1 : 0;
                predicted[y * truth.getWidth() + x] = maxChannelDifference(actual, background) > COLOUR_TOLERANCE
                        ? 1 : 0;
            }
        }
        double accuracy = close / (double) pixels;
        double iou = new Masks(truth.getWidth(), foreground, predicted, 2).iou(1);
        return new PerceptionScore(accuracy >= MIN_RECONSTRUCTION_ACCURACY && iou >= MIN_OVERLAP, iou, accuracy);
    }

    private static int maxChannelDifference(int a, int b) {
        int dr = Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff));
        int dg = Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff));
        int db = Math.abs((a & 0xff) - (b & 0xff));
        return Math.max(dr, Math.max(dg, db));
    }

    /** Models may answer at another resolution; they are judged at the truth's. */
    private static BufferedImage resize(BufferedImage image, int size) {
        if (image.getWidth() == size && image.getHeight() == size) {
            return image;
        }
        BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return resized;
    }
}
