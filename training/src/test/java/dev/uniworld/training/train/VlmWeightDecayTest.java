package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.UniWorldModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdamW's decoupled weight decay in the VLM phase: what it shrinks, by how much, and what it changes in a run. */
class VlmWeightDecayTest {

    private static final float[] MATRIX = {0.5f, -1.5f, 2.0f, 0.25f, -0.75f, 3.0f};
    private static final float[] GRADIENT = {0.2f, -0.4f, 0.1f, 0.0f, 0.3f, -0.05f};

    @TempDir
    Path dir;

    @Test
    void withoutAGradientMatricesShrinkByRateTimesDecayAndVectorsStay() {
        try (NDManager manager = NDManager.newBaseManager();
                ResumableAdam adam = new ResumableAdam(n -> 0.1f, 1f, 0.5f)) {
            NDArray matrix = manager.create(MATRIX, new Shape(2, 3));
            NDArray gains = manager.create(MATRIX); // a norm's gains or a bias: one dimension
            adam.update("w", matrix, matrix.zerosLike());
            adam.update("g", gains, gains.zerosLike());
            float[] shrunk = new float[MATRIX.length];
            for (int i = 0; i < MATRIX.length; i++) {
                shrunk[i] = MATRIX[i] * (1 - 0.1f * 0.5f);
            }
            assertArrayEquals(shrunk, matrix.toFloatArray(), 1e-7f);
            assertArrayEquals(MATRIX, gains.toFloatArray(), 0f);
        }
    }

    @Test
    void theDecayIsDecoupledFromTheMomentsAdamsStepIsTakenFromTheShrunkWeight() {
        try (NDManager manager = NDManager.newBaseManager();
                ResumableAdam decayed = new ResumableAdam(n -> 0.05f, 1f, 0.2f);
                ResumableAdam plain = new ResumableAdam(n -> 0.05f, 1f)) {
            NDArray ours = manager.create(MATRIX, new Shape(2, 3));
            NDArray reference = manager.create(MATRIX, new Shape(2, 3)).mul(1 - 0.05f * 0.2f);
            NDArray gradient = manager.create(GRADIENT, new Shape(2, 3));
            decayed.update("w", ours, gradient);
            plain.update("w", reference, gradient);
            assertArrayEquals(reference.toFloatArray(), ours.toFloatArray(), 1e-7f);
        }
        assertThrows(IllegalArgumentException.class, () -> new ResumableAdam(n -> 0.1f, 1f, -0.1f));
    }

    @Test
    void onlyTheVlmPhaseDecaysItsWeightsAndByTheRecipesValue() {
        Recipe recipe = Recipe.tiny().withVlmWeightDecay(0.1);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7)) {
            TrainingData data = PhaseFixtures.data(recipe);
            assertEquals(0.1f, new VlmPhase(model, data, recipe, false).weightDecay());
            assertEquals(0f, new VlmPhase(model, data, Recipe.tiny(), false).weightDecay());
            assertEquals(0f, new DiffusionPhase(model, data, recipe, 2).weightDecay());
        }
    }

    @Test
    void aRecipeRecordedBeforeTheFieldReadsAsPlainAdamAndBadValuesAreRefused() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withVlmWeightDecay(0.1));
        recorded.remove("vlmWeightDecay");
        assertEquals(Recipe.tiny(), RunFiles.JSON.treeToValue(recorded, Recipe.class));
        assertThrows(IllegalArgumentException.class, () -> Recipe.tiny().withVlmWeightDecay(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Recipe.tiny().withVlmWeightDecay(Double.NaN));
        // the decay times the peak rate must leave something of each weight
        assertThrows(IllegalArgumentException.class,
                () -> Recipe.tiny().withVlmWeightDecay(2 / Recipe.tiny().encoderLr()));
    }

    @Test
    void encodersWhoseVlmHadAnotherDecayAreRefused() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path other = BranchFixtures.state(dir, 2, recipe.withVlmWeightDecay(0.1));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(other, dir.resolve("run"), recipe));
        assertTrue(refused.getMessage().contains("vlmWeightDecay"), refused.getMessage());
    }
}
