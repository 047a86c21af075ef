package dev.uniworld.training.train;

import static dev.uniworld.training.train.BranchFixtures.state;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused branch names what differs among the fields its finished phases used, and only those. */
class BranchRefusalTest {

    @TempDir
    Path dir;

    @Test
    void aRefusedBranchNamesOnlyTheFieldsItsFinishedPhasesUsed() throws Exception {
        // Given a state after stage 1, and a recipe that differs in the seed (the VLM's) and in stage 2's blur
        Recipe recipe = Recipe.tiny();
        Path afterStage1 = state(dir, recipe.phaseIndex("stage2"), recipe);
        Recipe asked = recipe.withSeed(recipe.seed() + 1).withBlurShare(0.25);
        // When a branch is asked for, then it is refused naming the seed alone: stage 2 has not begun there
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(afterStage1, dir.resolve("run"), asked));
        assertTrue(e.getMessage().endsWith("(seed: " + recipe.seed() + " here, " + asked.seed() + " asked)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("blurShare"), e.getMessage());
        // and the blur alone may change
        RunBranches.branch(afterStage1, dir.resolve("run"), recipe.withBlurShare(0.25));
    }

    @Test
    void aVlmTrainedWithoutRestatingLendsNothingToARecipeThatRestates() throws Exception {
        Recipe recipe = Recipe.tiny();
        Recipe restating = recipe.withVlmRestatesSubjects(true);
        String difference = "vlmRestatesSubjects: false here, true asked";
        IllegalArgumentException branch = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(state(dir, recipe.phaseIndex("stage2"), recipe), dir.resolve("a"),
                        restating));
        assertTrue(branch.getMessage().contains(difference), branch.getMessage());
        IllegalArgumentException encoders = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(state(dir, recipe.phaseIndex("siglip") + 1, recipe),
                        dir.resolve("b"), restating));
        assertTrue(encoders.getMessage().contains(difference), encoders.getMessage());
    }

    @Test
    void aLentSiglipTrainedAtAnotherLearningRateIsRefused() throws Exception {
        // the encoders' learning rate is the VLM's and SigLIP's alike
        Recipe recipe = Recipe.tiny();
        ObjectNode other = RunFiles.JSON.valueToTree(recipe);
        other.put("encoderLr", recipe.encoderLr() / 2);
        Path lent = state(dir.resolve("lent"), recipe.phaseIndex("siglip") + 1,
                RunFiles.JSON.treeToValue(other, Recipe.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunBranches.branch(
                state(dir, recipe.phaseIndex("stage1"), recipe), lent, dir.resolve("run"), recipe));
        assertTrue(e.getMessage().startsWith("cannot take SigLIP") && e.getMessage().contains("encoderLr: "),
                e.getMessage());
    }

    @Test
    void encodersFromTheWrongPhaseAreRefusedNamingIt() throws Exception {
        Recipe recipe = Recipe.tiny();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunBranches.branchEncoders(
                state(dir, recipe.phaseIndex("stage2"), recipe), dir.resolve("run"), recipe));
        assertTrue(e.getMessage().contains("a state at phase " + recipe.phaseIndex("stage2")), e.getMessage());
    }

    @Test
    void aDitTrainedWithoutPlaceCodesDoesNotTakeThemForStageTwo() throws Exception {
        // Given a state after stage 1 of a DiT without absolute image positions
        Recipe plain = Recipe.tiny();
        assertFalse(plain.model().dit().absolutePositions());
        Path afterStage1 = state(dir, plain.phaseIndex("stage2"), plain);
        // When stage 2 asks for them, then the branch is refused naming the field: stage 1 trained without them
        Recipe placed = plain.withModel(plain.model().withDit(plain.model().dit().withAbsolutePositions(true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(afterStage1, dir.resolve("run"), placed));
        assertTrue(e.getMessage().contains("model.dit.absolutePositions: false here, true asked"), e.getMessage());
    }
}
