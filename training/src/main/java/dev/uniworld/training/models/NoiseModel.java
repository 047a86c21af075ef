package dev.uniworld.training.models;

import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.ShapesVocabulary;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * A baseline that knows nothing: uniform random pixels for every image and a random vocabulary word for every answer,
 * seeded by the prompt and the seed so that runs repeat. It must score near zero everywhere.
 */
public final class NoiseModel implements VisualModel {

    private final int resolution;
    private final List<String> words = ShapesVocabulary.words();

    public NoiseModel(RenderConfig config) {
        this.resolution = config.resolution();
    }

    @Override
    public String name() {
        return "noise";
    }

    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        Random rng = new Random(prompt.hashCode());
        return words.get(rng.nextInt(words.size()));
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> images, long seed) {
        Random rng = new Random(seed * 31 + prompt.hashCode());
        BufferedImage image = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                image.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        return image;
    }
}
