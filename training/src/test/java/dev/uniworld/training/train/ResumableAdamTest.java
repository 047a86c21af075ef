package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resumable Adam updates as DJL's Adam does, and a restored copy continues as if never interrupted. */
class ResumableAdamTest {

    private static final float[] START = {0.5f, -1.5f, 2.0f, 0.25f, -0.75f, 3.0f};
    private static final float[] GOAL = {-2.0f, 1.0f, 0.0f, 4.0f, -0.5f, 1.0f};

    @Test
    void itUpdatesExactlyAsDjlsAdamWithTheRecipesClippingAndAChangingRate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] lr = {0f};
            Optimizer djl = Optimizer.adam().optLearningRateTracker((Tracker) n -> lr[0]).optClipGrad(1f).build();
            NDArray reference = weight(manager);
            NDArray ours = weight(manager);
            try (ResumableAdam adam = new ResumableAdam(n -> lr[0], 1f)) {
                for (int step = 0; step < 6; step++) {
                    lr[0] = 0.1f / (1 + step);
                    djl.update("w", reference, gradient(reference)); // some gradients exceed the clip of 1
                    adam.update("w", ours, gradient(ours));
                }
            }
            assertArrayEquals(reference.toFloatArray(), ours.toFloatArray(), 0f);
            assertTrue(Math.abs(ours.toFloatArray()[0] - START[0]) > 0.1, "the weight moved");
        }
    }

    @Test
    void aRestoredOptimizerContinuesAsTheUninterruptedOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Tracker rate = n -> 0.05f;
            NDArray straight = weight(manager);
            try (ResumableAdam adam = new ResumableAdam(rate, 1f)) {
                for (int step = 0; step < 5; step++) {
                    adam.update("w", straight, gradient(straight));
                }
            }
            // two updates, a checkpoint in another manager, then a fresh optimizer takes it up for the other three
            NDArray resumed = weight(manager);
            Map<String, Parameter> trainable = Map.of("w", parameter(resumed));
            float[][] saved = new float[3][];
            try (ResumableAdam first = new ResumableAdam(rate, 1f); NDManager scratch = manager.newSubManager()) {
                first.update("w", resumed, gradient(resumed));
                first.update("w", resumed, gradient(resumed));
                Map<String, NDArray> state = first.state(scratch);
                saved[0] = state.get("mean.w").toFloatArray();
                saved[1] = state.get("variance.w").toFloatArray();
                saved[2] = state.get("updates.w").toFloatArray();
            }
            try (ResumableAdam second = new ResumableAdam(rate, 1f); NDManager scratch = manager.newSubManager()) {
                second.restore(Map.of("mean.w", scratch.create(saved[0], new Shape(2, 3)),
                        "variance.w", scratch.create(saved[1], new Shape(2, 3)),
                        "updates.w", scratch.create(saved[2])), trainable);
                scratch.close(); // the restored moments are the optimizer's own
                for (int step = 2; step < 5; step++) {
                    second.update("w", resumed, gradient(resumed));
                }
            }
            assertEquals(2f, saved[2][0]);
            assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f);
        }
    }

    @Test
    void aStateWithoutTheMomentsOfATrainedParameterIsNotTakenUpAndAShapeMismatchIsRefusedByName() {
        try (NDManager manager = NDManager.newBaseManager(); ResumableAdam adam = new ResumableAdam(n -> 0.1f, 1f)) {
            NDArray w = weight(manager);
            Map<String, Parameter> trainable = Map.of("dit.img_in.weight", parameter(w));
            // a branch that seeded this weight left no moments for it: the moments restart from zero
            assertFalse(adam.restore(Map.of(), trainable));
            NDArray other = manager.zeros(new Shape(3, 2));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> adam.restore(Map.of(
                    "mean.dit.img_in.weight", other, "variance.dit.img_in.weight", other,
                    "updates.dit.img_in.weight", manager.create(new float[] {3})), trainable));
            assertTrue(e.getMessage().contains("dit.img_in.weight"), e.getMessage());
        }
    }

    private static NDArray weight(NDManager manager) {
        NDArray w = manager.create(START, new Shape(2, 3));
        w.setRequiresGradient(true);
        return w;
    }

    /** The gradient of 2 * ||w - goal||^2 at w: up to 10 per element, so clipping matters. */
    private static NDArray gradient(NDArray weight) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray goal = weight.getManager().create(GOAL, new Shape(2, 3));
            collector.backward(weight.sub(goal).square().sum().mul(2f));
        }
        NDArray gradient = weight.getGradient().duplicate();
        weight.getGradient().subi(weight.getGradient()); // backward accumulates: clear it for the next call
        return gradient;
    }

    private static Parameter parameter(NDArray array) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        p.setArray(array);
        return p;
    }
}
