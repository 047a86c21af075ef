package dev.uniworld.training.eval;

import java.awt.image.BufferedImage;

/** A truth and a predicted label per pixel (0 = background), and the overlap measures between them. */
record Masks(int width, int[] truth, int[] predicted, int levels) {

    /** White-on-black masks, split at mid grey. */
    static Masks binary(BufferedImage truth, BufferedImage output) {
        return levels(truth, output, 2);
    }

    /** Grey images quantised to {@code levels} evenly spaced grey levels (0 = black). */
    static Masks levels(BufferedImage truth, BufferedImage output, int levels) {
        int width = truth.getWidth();
        int[] t = new int[width * truth.getHeight()];
        int[] p = new int[t.length];
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                t[y * width + x] = level(truth.getRGB(x, y), levels);
                p[y * width + x] = level(output.getRGB(x, y), levels);
            }
        }
        return new Masks(width, t, p, levels);
    }

    private static int level(int rgb, int levels) {
        double grey = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000.0;
        return (int) Math.round(grey / 255.0 * (levels - 1));
    }

    double accuracy() {
        int same = 0;
        for (int i = 0; i < truth.length; i++) {
            same += truth[i] == predicted[i] ? 1 : 0;
        }
        return same / (double) truth.length;
    }

    /** IoU of one label; 1 when neither side has it. */
    double iou(int label) {
        int intersection = 0;
        int union = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean inTruth = truth[i] == label;
            boolean inPrediction = predicted[i] == label;
            intersection += inTruth && inPrediction ? 1 : 0;
            union += inTruth || inPrediction ? 1 : 0;
        }
        return union == 0 ? 1 : intersection / (double) union;
    }

    /** Mean IoU over the labels that appear in the truth or the prediction. */
    double meanIou() {
        double sum = 0;
        int counted = 0;
        for (int label = 0; label < levels; label++) {
            if (appears(label)) {
                sum += iou(label);
                counted++;
            }
        }
        return counted == 0 ? 1 : sum / counted;
    }

    /**
     * F1 of label 1 where a pixel counts as matched when the other side has the label within one pixel (8-neighbour),
     * as edge benchmarks allow: a thin edge one pixel off is still the edge.
     */
    double tolerantF1() {
        int predictedCount = 0;
        int predictedNearTruth = 0;
        int truthCount = 0;
        int truthNearPredicted = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == 1) {
                predictedCount++;
                predictedNearTruth += near(truth, i) ? 1 : 0;
            }
            if (truth[i] == 1) {
                truthCount++;
                truthNearPredicted += near(predicted, i) ? 1 : 0;
            }
        }
        if (truthCount == 0 && predictedCount == 0) {
            return 1;
        }
        double precision = predictedCount == 0 ? 0 : predictedNearTruth / (double) predictedCount;
        double recall = truthCount == 0 ? 0 : truthNearPredicted / (double) truthCount;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private boolean appears(int label) {
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == label || predicted[i] == label) {
                return true;
            }
        }
        return false;
    }

    private boolean near(int[] labels, int index) {
        int x = index % width;
        int y = index / width;
        int height = labels.length / width;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && labels[ny * width + nx] == 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
