package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Scene;
import java.awt.image.BufferedImage;
import java.util.List;

/** What a family generator produces; {@link TaskGenerator} adds identity and renders the inputs. */
record TaskDraft(String prompt, List<Scene> inputs, String answer, Scene targetScene, BufferedImage targetImage,
        GenerationSpec spec) {

    static TaskDraft answer(String prompt, Scene input, String answer) {
        return new TaskDraft(prompt, List.of(input), answer, null, null, null);
    }

    static TaskDraft generation(String prompt, Scene target, GenerationSpec spec) {
        return new TaskDraft(prompt, List.of(), null, target, null, spec);
    }

    static TaskDraft edit(String prompt, Scene source, Scene target) {
        return new TaskDraft(prompt, List.of(source), null, target, null, null);
    }

    static TaskDraft perception(String prompt, Scene input, BufferedImage target, Scene targetScene) {
        return new TaskDraft(prompt, List.of(input), null, targetScene, target, null);
    }
}
