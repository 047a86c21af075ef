package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VLM phase's optional word read-out: its targets, what it adds to the loss, and what it changes in a run. */
class VlmWordLossTest {

    private static final SpecialTokens SPECIALS = SpecialTokens.WORD_LEVEL;

    @TempDir
    Path dir;

    @Test
    void everyWordAfterBosNamesItselfAndItsPredecessorAndImagePlaceholdersAreSkipped() {
        int pad = SPECIALS.imagePad();
        // [bos, vision_start, image_pad, image_pad, vision_end, 40, 41], placed second in a batch of 2, length 8
        int[] ids = {SPECIALS.bos(), SPECIALS.visionStart(), pad, pad, SPECIALS.visionEnd(), 40, 41};
        long[] words = new long[2 * 8 * 2];
        float[] mask = new float[2 * 8];
        VlmPhase.wordTargets(ids, SPECIALS, 8, words, mask, 2);
        float share = 1f / (4 * 2); // four named positions (1, 4, 5, 6), batch of 2
        assertArrayEquals(new float[] {0, share, 0, 0, share, share, share, 0},
                java.util.Arrays.copyOfRange(mask, 8, 16));
        assertEquals(SPECIALS.visionStart(), words[2 * 9]);
        assertEquals(SPECIALS.bos(), words[2 * 9 + 1]);
        assertEquals(SPECIALS.visionEnd(), words[2 * 12]);
        assertEquals(pad, words[2 * 12 + 1]);
        assertEquals(41, words[2 * 14]);
        assertEquals(40, words[2 * 14 + 1]);
        assertArrayEquals(new float[8], java.util.Arrays.copyOfRange(mask, 0, 8), "the first example is untouched");
    }

    @Test
    void theTermAddsItsWeightTimesAPositiveNegativeLogLikelihood() {
        Recipe recipe = Recipe.tiny().withBatches(4, 4, 4);
        double plain = vlmLoss(recipe, 0);
        double once = vlmLoss(recipe, 1);
        double twice = vlmLoss(recipe, 2);
        // a fresh read-out guesses about uniformly over the vocabulary: about 2 ln V for the two words
        assertTrue(once - plain > Math.log(recipe.model().vlm().vocabSize()), once + " vs " + plain);
        assertEquals(2 * (once - plain), twice - plain, 1e-4 * twice);
    }

    @Test
    void theReadOutIsRunStateOnlyWhenTheRecipeWeighsIt() {
        assertEquals(Set.of(), extraStateNames(0));
        assertTrue(extraStateNames(1).contains("word_readout.weight"), extraStateNames(1).toString());
    }

    @Test
    void aRecipeRecordedBeforeTheTermReadsWithoutIt() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withVlmWordLoss(3));
        recorded.remove("vlmWordLoss");
        assertEquals(Recipe.tiny().withVlmWordLoss(0), RunFiles.JSON.treeToValue(recorded, Recipe.class));
        assertThrows(IllegalArgumentException.class, () -> Recipe.tiny().withVlmWordLoss(-1));
    }

    @Test
    void encodersWhoseVlmHadAnotherWordLossAreRefused() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path other = BranchFixtures.state(dir, 2, recipe.withVlmWordLoss(recipe.vlmWordLoss() + 1));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(other, dir.resolve("run"), recipe));
        assertTrue(refused.getMessage().startsWith("cannot take encoders"), refused.getMessage());
    }

    /** The VLM phase's loss at step 0 of a tiny model (seed 7) with the given word-loss weight. */
    private static double vlmLoss(Recipe recipe, double weight) {
        Recipe weighted = recipe.withVlmWordLoss(weight);
        return PhaseFixtures.stepZeroLoss(weighted, (model, data) -> new VlmPhase(model, data, weighted, false));
    }

    private static Set<String> extraStateNames(double weight) {
        Recipe recipe = Recipe.tiny().withVlmWordLoss(weight);
        return PhaseFixtures.extraStateNames(recipe, (model, data) -> new VlmPhase(model, data, recipe, false));
    }
}
