package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import java.util.List;
import java.util.Map;

/**
 * One phase of the recipe. A step first prepares its batch outside the gradient tape (data, frozen encoders), then
 * computes the loss on the tape; the run does backward, the optimizer update and the bookkeeping.
 */
abstract class Phase {

    /** The recipe's phases in training order, each with the model's parts it trains. */
    static List<Phase> ofRecipe(UniWorldModel model, TrainingData data, Recipe recipe) {
        return recipe.phaseNames().stream().map(name -> switch (name) {
            case "vlm" -> (Phase) new VlmPhase(model, data, recipe, false);
            case "answer" -> new VlmPhase(model, data, recipe, true);
            case "siglip" -> new SiglipPhase(model, data, recipe, recipe.model().vlm().vocabSize());
            case "autoencoder" -> new AutoencoderPhase(model, data, recipe);
            case "stage1" -> new DiffusionPhase(model, data, recipe, 1);
            case "stage2" -> new DiffusionPhase(model, data, recipe, 2);
            default -> throw new IllegalStateException("unknown phase " + name);
        }).toList();
    }

    /** Name in logs, the CSV and the state file. */
    abstract String name();

    abstract int steps();

    /** Peak learning rate. */
    abstract float peakLr();

    /** Decoupled weight decay of the phase's optimizer, per unit of learning rate (0: plain Adam). */
    float weightDecay() {
        return 0f;
    }

    /** The parameters this phase trains, by path; everything else stays frozen. */
    abstract Map<String, Parameter> trainable();

    /** Everything the loss needs, created in {@code sub}; no gradient is recorded here. */
    abstract Object prepare(NDManager sub, int step);

    /** The scalar loss of a prepared batch, on the gradient tape. */
    abstract NDArray loss(ParameterStore store, Object batch);

    /** Extra weights to save with a resumable checkpoint (e.g. the text tower), by name. */
    Map<String, Parameter> extraState() {
        return Map.of();
    }

    /** Called once when the phase has run all its steps. */
    void finish() {
    }
}
