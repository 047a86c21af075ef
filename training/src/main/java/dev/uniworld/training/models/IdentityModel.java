package dev.uniworld.training.models;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.shapes.SceneRenderer;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A baseline that changes nothing: every image task returns its first input unchanged (a blank white image when there
 * is none) and every question gets an empty answer. It scores on reconstruction and nowhere else, which is how the
 * tests know the editing scores reward edits rather than copies.
 */
public final class IdentityModel implements VisualModel {

    private final SceneRenderer renderer;

    public IdentityModel(RenderConfig config) {
        this.renderer = new SceneRenderer(config);
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        return "";
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> images, long seed) {
        if (images.isEmpty()) {
            return renderer.blank(Background.WHITE);
        }
        BufferedImage input = images.get(0);
        BufferedImage copy = new BufferedImage(input.getWidth(), input.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(input, 0, 0, null);
        return copy;
    }
}
