package dev.uniworld.training.shapes;

import java.awt.Shape;
import java.util.Arrays;

/**
 * Which shape owns each pixel: the index (into {@link Scene#objects()}) of the front-most shape whose outline contains
 * the pixel's centre, or {@link #BACKGROUND}. This is the hard-edged truth behind segmentation, depth and edge maps.
 */
public final class LabelMap {

    public static final int BACKGROUND = -1;

    private final int resolution;
    private final int[] labels;

    private LabelMap(int resolution, int[] labels) {
        this.resolution = resolution;
        this.labels = labels;
    }

    public static LabelMap of(Scene scene, int resolution) {
        int[] labels = new int[resolution * resolution];
        Arrays.fill(labels, BACKGROUND);
        for (int index = 0; index < scene.objects().size(); index++) {
            Shape outline = ShapeGeometry.outline(scene.objects().get(index), resolution);
            paint(outline, resolution, labels, index);
        }
        return new LabelMap(resolution, labels);
    }

    /**
     * Sets {@code value} on every pixel whose centre lies inside {@code outline}; later calls paint over earlier ones.
     */
    static void paint(Shape outline, int resolution, int[] labels, int value) {
        var bounds = outline.getBounds();
        int x0 = Math.max(0, bounds.x);
        int y0 = Math.max(0, bounds.y);
        int x1 = Math.min(resolution - 1, bounds.x + bounds.width);
        int y1 = Math.min(resolution - 1, bounds.y + bounds.height);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (outline.contains(x + 0.5, y + 0.5)) {
                    labels[y * resolution + x] = value;
                }
            }
        }
    }

    public int resolution() {
        return resolution;
    }

    public int at(int x, int y) {
        return labels[y * resolution + x];
    }

    /** Whether a 4-neighbour of (x, y) has another owner: the pixel sits on an outline. */
    public boolean isEdge(int x, int y) {
        int label = at(x, y);
        return (x > 0 && at(x - 1, y) != label)
                || (x < resolution - 1 && at(x + 1, y) != label)
                || (y > 0 && at(x, y - 1) != label)
                || (y < resolution - 1 && at(x, y + 1) != label);
    }
}
