package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each of the recipe's {@code with...} copies changes the fields it names and no other. */
class RecipeTest {

    private final Recipe shipped = Recipe.tiny();

    @Test
    void eachCopyChangesOnlyItsOwnFields() {
        assertChanges(shipped.withSeed(9), "seed: 10 here, 9 asked");
        assertChanges(shipped.withEditWeighting(false), "editWeighting: true here, false asked");
        assertChanges(shipped.withObjectWeighting(false), "objectWeighting: true here, false asked");
        assertChanges(shipped.withHighNoiseShare(0.5), "highNoiseShare: 0.25 here, 0.5 asked");
        assertChanges(shipped.withSiglipReconstruction(50), "siglipReconstruction: 200.0 here, 50.0 asked");
        assertChanges(shipped.withVlmWordLoss(1), "vlmWordLoss: 0.0 here, 1.0 asked");
        assertChanges(shipped.withBlurShare(0.25), "blurShare: 0.0 here, 0.25 asked");
        assertChanges(shipped.withVlmRestatesSubjects(true), "vlmRestatesSubjects: false here, true asked");
        assertChanges(shipped.withEncoderLr(2e-3f), "encoderLr: 0.001 here, 0.002 asked");
        assertChanges(shipped.withVlmWeightDecay(0.1), "vlmWeightDecay: 0.0 here, 0.1 asked");
        assertChanges(shipped.withVlmQuestionsForCaptions(true), "vlmQuestionsForCaptions: false here, true asked");
        assertChanges(shipped.withNamedEditShare(0.5), "namedEditShare: 0.0 here, 0.5 asked");
        assertChanges(shipped.withReferentLoss(1), "referentLoss: 0.5 here, 1.0 asked");
        assertChanges(shipped.withContentLoss(1), "contentLoss: 0.2 here, 1.0 asked");
        assertChanges(shipped.withCheckpointEvery(50), "checkpointEvery: 200 here, 50 asked");
        assertChanges(shipped.withStage2Seed(11), "stage2Seed: 0 here, 11 asked");
        assertChanges(shipped.withAnswers(1, 100), "model.vlm.answerLayers: 3 here, 1 asked",
                "answerSteps: 32000 here, 100 asked");
        assertChanges(shipped.withAutoencoder(100, 8), "autoencoderSteps: 0 here, 100 asked",
                "autoencoderBatch: 32 here, 8 asked");
        assertChanges(shipped.withBatches(4, 5, 6), "vlmBatch: 32 here, 4 asked", "siglipBatch: 64 here, 5 asked",
                "ditBatch: 16 here, 6 asked");
        assertChanges(shipped.withSteps(1, 2, 3, 4), "vlmSteps: 48000 here, 1 asked", "siglipSteps: 8000 here, 2 asked",
                "stage1Steps: 4000 here, 3 asked", "stage2Steps: 40000 here, 4 asked");
    }

    @Test
    void scalingMultipliesEveryPhaseAndTheWarmUpAndKeepsEmptyPhasesEmpty() {
        Recipe half = shipped.scaled(0.5);
        assertEquals(List.of(24000, 4000, 2000, 20000, 0, 16000), List.of(half.vlmSteps(), half.siglipSteps(),
                half.stage1Steps(), half.stage2Steps(), half.autoencoderSteps(), half.answerSteps()));
        assertEquals(50, half.warmupSteps());
        assertEquals(1, shipped.scaled(1e-9).vlmSteps());
    }

    @Test
    void aCopyThatBreaksARuleIsRefusedLikeAnyRecipe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shipped.withBlurShare(2));
        assertTrue(e.getMessage().contains("blurShare"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> shipped.withEncoderLr(0));
        assertTrue(e.getMessage().contains("encoderLr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> shipped.withEncoderLr(Float.NaN));
        assertTrue(e.getMessage().contains("encoderLr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> shipped.withCheckpointEvery(0));
        assertTrue(e.getMessage().contains("--checkpoint-every"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> shipped.withBatches(8, 8, 0));
        assertTrue(e.getMessage().contains("--dit-batch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> shipped.withBatches(0, 8, 8));
        assertTrue(e.getMessage().contains("needs a batch"), e.getMessage());
        // a phase without steps needs no batch: an encoders-only run
        assertEquals(0, shipped.withSteps(100, 0, 0, 0).withBatches(8, 8, 0).ditBatch());
    }

    private void assertChanges(Recipe changed, String... differences) {
        assertEquals(List.of(differences), RecipeDifferences.between(shipped, changed));
    }
}
