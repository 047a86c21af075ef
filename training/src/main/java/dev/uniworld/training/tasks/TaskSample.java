package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One task with its ground truth.
 *
 * @param id          stable name, {@code <split>-<seed>-<category>}
 * @param split       the split its seed belongs to
 * @param seed        the seed it was generated from; the same seed and config always give the same sample
 * @param category    what is asked (its family follows)
 * @param prompt      the instruction or question, in words of {@link ShapesVocabulary}
 * @param inputScenes scenes shown to the model (none for generation)
 * @param inputImages the rendered input scenes, same order
 * @param answer      the expected text answer for understanding tasks; null otherwise
 * @param targetImage the expected image for generation, editing and perception; null for understanding
 * @param targetScene the scene the target image shows, for generation, editing and reconstruction; null otherwise
 * @param spec        what a generated image must show to count as correct (GenEval-style); null except generation
 * @param subjects    the objects of the input scene that an understanding question is about, in the order it names
 *                    them: the one it asks after, the two a relation compares, those that match an existence question
 *                    (none where none does); empty for counts and for the other families
 */
public record TaskSample(
        String id,
        Split split,
        long seed,
        TaskCategory category,
        String prompt,
        List<Scene> inputScenes,
        List<BufferedImage> inputImages,
        String answer,
        BufferedImage targetImage,
        Scene targetScene,
        GenerationSpec spec,
        List<SceneObject> subjects) {

    public TaskSample {
        inputScenes = List.copyOf(inputScenes);
        inputImages = List.copyOf(inputImages);
        subjects = List.copyOf(subjects);
    }

    public TaskFamily family() {
        return category.family();
    }

    /** Whether the expected output is text (understanding) rather than an image. */
    public boolean expectsText() {
        return answer != null;
    }
}
