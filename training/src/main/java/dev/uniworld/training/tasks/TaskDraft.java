package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import java.awt.image.BufferedImage;
import java.util.List;

/** What a family generator produces; {@link TaskGenerator} adds identity and renders the inputs. */
record TaskDraft(String prompt, List<Scene> inputs, String answer, Scene targetScene, BufferedImage targetImage,
        GenerationSpec spec, List<SceneObject> subjects) {

    /** A question about the whole scene (a count): no object is its subject. */
    static TaskDraft answer(String prompt, Scene input, String answer) {
        return answer(prompt, input, answer, List.of());
    }

    /** A question about {@code subjects}, the objects it names, in the order it names them. */
    static TaskDraft answer(String prompt, Scene input, String answer, List<SceneObject> subjects) {
        return new TaskDraft(prompt, List.of(input), answer, null, null, null, subjects);
    }

    static TaskDraft generation(String prompt, Scene target, GenerationSpec spec) {
        return new TaskDraft(prompt, List.of(), null, target, null, spec, List.of());
    }

    static TaskDraft edit(String prompt, Scene source, Scene target) {
        return new TaskDraft(prompt, List.of(source), null, target, null, null, List.of());
    }

    static TaskDraft perception(String prompt, Scene input, BufferedImage target, Scene targetScene) {
        return new TaskDraft(prompt, List.of(input), null, targetScene, target, null, List.of());
    }
}
