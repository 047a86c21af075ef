package dev.uniworld.training.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import java.util.Set;
import java.util.function.BiFunction;

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
}
