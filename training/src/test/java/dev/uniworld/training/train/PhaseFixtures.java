package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;

/** Training data and phases of a tiny model, for tests of one phase's loss terms. */
final class PhaseFixtures {

    private PhaseFixtures() {
    }

    /** ShapesWorld at 64 pixels, every category, batched as {@code recipe} says. */
    static TrainingData data(Recipe recipe) {
        return new TrainingData(generator(), ShapesTokenizer.create(), recipe);
    }

    /** ShapesWorld at 64 pixels, every category: the generator {@link #data} draws from. */
    static TaskGenerator generator() {
        return new TaskGenerator(new TaskConfig(new RenderConfig(64), Set.of()));
    }

    /** The loss of the phase {@code make} builds at step 0 of a tiny model of {@code recipe} (seed 7). */
    static double stepZeroLoss(Recipe recipe, BiFunction<UniWorldModel, TrainingData, Phase> make) {
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7);
                NDManager sub = model.manager().newSubManager()) {
            Phase phase = make.apply(model, data(recipe));
            double loss = phase.loss(new ParameterStore(sub, false), phase.prepare(sub, 0)).getFloat();
            phase.finish();
            return loss;
        }
    }

    /** The names of the run state beyond the model's weights that the phase {@code make} builds would save. */
    static Set<String> extraStateNames(Recipe recipe, BiFunction<UniWorldModel, TrainingData, Phase> make) {
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7)) {
            Phase phase = make.apply(model, data(recipe));
            Set<String> names = Set.copyOf(phase.extraState().keySet());
            phase.finish();
            return names;
        }
    }

    /** The diffusion loss at step 0 of a tiny model of {@code recipe} (seed 7) in {@code stage}. */
    static double diffusionLoss(Recipe recipe, int stage) {
        return stepZeroLoss(recipe, (model, data) -> new DiffusionPhase(model, data, recipe, stage));
    }

    /** The run state beyond the model's weights of a diffusion phase of {@code recipe} in {@code stage}. */
    static Set<String> diffusionExtraState(Recipe recipe, int stage) {
        return extraStateNames(recipe, (model, data) -> new DiffusionPhase(model, data, recipe, stage));
    }

    /**
     * Asserts that a stage-2 loss term is its recipe weight times a positive loss: the step-0 loss grows with the
     * weight, linearly, and stage 1's does not move.
     *
     * @param weighted the recipe with the term at the given weight
     */
    static void assertStageTwoTermIsLinear(DoubleFunction<Recipe> weighted) {
        double plain = diffusionLoss(weighted.apply(0), 2);
        double once = diffusionLoss(weighted.apply(1), 2);
        double twice = diffusionLoss(weighted.apply(2), 2);
        assertTrue(once > plain, once + " vs " + plain);
        assertEquals(2 * (once - plain), twice - plain, 1e-4 * twice);
        assertEquals(diffusionLoss(weighted.apply(0), 1), diffusionLoss(weighted.apply(2), 1), 1e-6,
                "stage 1 has no such term");
    }

    /** Hands {@code check} the stage-2 batch of {@code samples} (prompts kept) at step 0 of a tiny model. */
    static void withStageTwoBatch(Recipe recipe, List<TaskSample> samples, Consumer<DiffusionPhase.Batch> check) {
        TrainingData data = data(recipe);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7);
                NDManager sub = model.manager().newSubManager()) {
            DiffusionPhase phase = new DiffusionPhase(model, data, recipe, 2);
            check.accept(phase.prepare(sub, samples.stream().map(s -> data.ditExample(s, false)).toList(), 0));
            phase.finish();
        }
    }
}
