package dev.uniworld.training.shapes;

import java.awt.image.BufferedImage;

/**
 * The rendered truth of the perception tasks, as grey RGB images the size of the input: white-on-black edge maps and
 * segmentation masks, and depth maps where brighter means nearer.
 */
public final class PerceptionMaps {

    /** Grey level of each depth layer: background, a shape on the background, a shape stacked on another. */
    private static final int[] DEPTH_GREYS = {0, 128, 255};

    private final int resolution;

    public PerceptionMaps(RenderConfig config) {
        this.resolution = config.resolution();
    }

    /** Grey level that {@link #depth} paints for a layer (0 = background). */
    public static int depthGrey(int layer) {
        return DEPTH_GREYS[Math.min(layer, DEPTH_GREYS.length - 1)];
    }

    /** How many distinct depth levels exist, background included. */
    public static int depthLevels() {
        return DEPTH_GREYS.length;
    }

    /** White where two regions (shapes or background) meet. */
    public BufferedImage edges(Scene scene) {
        LabelMap labels = LabelMap.of(scene, resolution);
        BufferedImage image = blankImage();
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                if (labels.isEdge(x, y)) {
                    image.setRGB(x, y, grey(255));
                }
            }
        }
        return image;
    }

    /** White where {@code target} is visible (not where a shape in front of it covers it). */
    public BufferedImage segmentation(Scene scene, SceneObject target) {
        int targetIndex = scene.objects().indexOf(target);
        if (targetIndex < 0) {
            throw new IllegalArgumentException("not in scene: " + target);
        }
        LabelMap labels = LabelMap.of(scene, resolution);
        BufferedImage image = blankImage();
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                if (labels.at(x, y) == targetIndex) {
                    image.setRGB(x, y, grey(255));
                }
            }
        }
        return image;
    }

    /** Each visible pixel painted with the grey of its shape's layer ({@link Scene#layerOf}). */
    public BufferedImage depth(Scene scene) {
        LabelMap labels = LabelMap.of(scene, resolution);
        int[] greyOfLabel = new int[scene.size()];
        for (int i = 0; i < scene.size(); i++) {
            greyOfLabel[i] = depthGrey(scene.layerOf(scene.objects().get(i)));
        }
        BufferedImage image = blankImage();
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                int label = labels.at(x, y);
                if (label != LabelMap.BACKGROUND) {
                    image.setRGB(x, y, grey(greyOfLabel[label]));
                }
            }
        }
        return image;
    }

    private BufferedImage blankImage() {
        return new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
    }

    private static int grey(int level) {
        return (level << 16) | (level << 8) | level;
    }
}
