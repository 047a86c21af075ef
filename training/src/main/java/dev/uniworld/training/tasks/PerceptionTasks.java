package dev.uniworld.training.tasks;

import static dev.uniworld.training.shapes.SceneSampler.pick;

import dev.uniworld.training.shapes.PerceptionMaps;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneRenderer;
import dev.uniworld.training.shapes.SceneSampler;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Image-to-image readings of a scene, with targets rendered from the scene itself. */
final class PerceptionTasks {

    private final SceneSampler sampler;
    private final SceneRenderer renderer;
    private final PerceptionMaps maps;

    PerceptionTasks(SceneSampler sampler, SceneRenderer renderer) {
        this.sampler = sampler;
        this.renderer = renderer;
        this.maps = new PerceptionMaps(renderer.config());
    }

    Optional<TaskDraft> generate(TaskCategory category, Random rng) {
        Scene scene = sampler.sample(rng);
        Map<String, String> none = Map.of();
        return switch (category) {
            case EDGES -> Optional.of(TaskDraft.perception(Phrase.EDGES.fill(rng, none), scene,
                    maps.edges(scene), null));
            case SEGMENTATION -> {
                SceneObject target = pick(rng, scene.objects());
                yield ReferringExpressions.describe(scene, target).map(ref -> TaskDraft.perception(
                        Phrase.SEGMENTATION.fill(rng, Map.of("ref", ref)), scene,
                        maps.segmentation(scene, target), null));
            }
            case DEPTH -> Optional.of(TaskDraft.perception(Phrase.DEPTH.fill(rng, none), scene,
                    maps.depth(scene), null));
            case RECONSTRUCTION -> Optional.of(TaskDraft.perception(Phrase.RECONSTRUCTION.fill(rng, none), scene,
                    renderer.render(scene), scene));
            default -> throw new IllegalArgumentException("not a perception task: " + category);
        };
    }
}
