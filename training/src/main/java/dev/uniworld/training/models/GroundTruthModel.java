package dev.uniworld.training.models;

import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An oracle that returns the rendered ground truth of the samples it was built from, looked up by prompt and input
 * pixels. It must score 100% everywhere: anything less means the scorers, not a model, are wrong.
 */
public final class GroundTruthModel implements VisualModel {

    private final Map<String, TaskSample> byRequest = new HashMap<>();

    public GroundTruthModel(List<TaskSample> samples) {
        for (TaskSample sample : samples) {
            // generation prompts can repeat; any of their targets satisfies the prompt, so the first one stays
            byRequest.putIfAbsent(key(sample.prompt(), sample.inputImages()), sample);
        }
    }

    @Override
    public String name() {
        return "ground-truth";
    }

    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        return Objects.requireNonNull(lookup(prompt, images).answer(), "not a question: " + prompt);
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> images, long seed) {
        return Objects.requireNonNull(lookup(prompt, images).targetImage(), "expects a text answer: " + prompt);
    }

    private TaskSample lookup(String prompt, List<BufferedImage> images) {
        TaskSample sample = byRequest.get(key(prompt, images));
        if (sample == null) {
            throw new IllegalArgumentException("the ground-truth model only knows the samples it was built from; "
                    + "unknown request: " + prompt);
        }
        return sample;
    }

    private static String key(String prompt, List<BufferedImage> images) {
        StringBuilder key = new StringBuilder(prompt);
        for (BufferedImage image : images) {
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            key.append('|').append(image.getWidth()).append('x').append(image.getHeight())
                    .append(':').append(Arrays.hashCode(pixels));
        }
        return key.toString();
    }
}
