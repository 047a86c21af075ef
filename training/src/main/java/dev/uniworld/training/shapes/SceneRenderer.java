package dev.uniworld.training.shapes;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Draws scenes with anti-aliased Java2D; the same scene always gives the same pixels. */
public final class SceneRenderer {

    private final RenderConfig config;

    public SceneRenderer(RenderConfig config) {
        this.config = config;
    }

    public RenderConfig config() {
        return config;
    }

    public int resolution() {
        return config.resolution();
    }

    /** An RGB image of the scene, shapes painted back to front. */
    public BufferedImage render(Scene scene) {
        int resolution = config.resolution();
        BufferedImage image = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // pure stroke control keeps outlines at their exact sub-pixel position, matching the label maps
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(scene.background().awtColor());
            g.fillRect(0, 0, resolution, resolution);
            for (SceneObject object : scene.objects()) {
                g.setColor(object.colour().awtColor());
                g.fill(ShapeGeometry.outline(object, resolution));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A plain image of one background colour. */
    public BufferedImage blank(Background background) {
        return render(Scene.empty(background));
    }
}
