package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SigLIP's optional pixel reconstruction term: what it adds to the loss, and recipes recorded before it existed. */
class SiglipReconstructionTest {

    @Test
    void theTermAddsItsWeightTimesAPositiveErrorToTheSigmoidLoss() {
        Recipe recipe = Recipe.tiny().withBatches(4, 4, 4);
        double plain = siglipLoss(recipe, 0);
        double once = siglipLoss(recipe, 1);
        double twice = siglipLoss(recipe, 2);
        assertTrue(once > plain, "the reconstruction error of a fresh read-out is positive: " + once + " vs " + plain);
        assertEquals(2 * (once - plain), twice - plain, 1e-4 * twice);
    }

    @Test
    void theReadOutIsSavedWithTheTowersOnlyWhenTheRecipeWeighsTheTerm() {
        assertFalse(extraStateNames(0).stream().anyMatch(n -> n.startsWith("pixel_readout.")));
        assertTrue(extraStateNames(1).contains("pixel_readout.weight"), extraStateNames(1).toString());
    }

    @Test
    void aRecipeRecordedBeforeTheTermReadsWithoutIt() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withSiglipReconstruction(5));
        recorded.remove("siglipReconstruction");
        Recipe read = RunFiles.JSON.treeToValue(recorded, Recipe.class);
        assertEquals(0, read.siglipReconstruction());
        assertEquals(Recipe.tiny().withSiglipReconstruction(0), read);
    }

    /** The SigLIP phase's loss at step 0 of a tiny model (seed 7) with the given reconstruction weight. */
    private static double siglipLoss(Recipe recipe, double weight) {
        Recipe weighted = recipe.withSiglipReconstruction(weight);
        return PhaseFixtures.stepZeroLoss(weighted,
                (model, data) -> new SiglipPhase(model, data, weighted, weighted.model().vlm().vocabSize()));
    }

    private static Set<String> extraStateNames(double weight) {
        Recipe recipe = Recipe.tiny().withSiglipReconstruction(weight);
        return PhaseFixtures.extraStateNames(recipe, (model, data) -> new SiglipPhase(model, data, recipe,
                recipe.model().vlm().vocabSize()));
    }
}
