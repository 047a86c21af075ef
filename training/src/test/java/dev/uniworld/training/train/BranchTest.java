package dev.uniworld.training.train;

import static dev.uniworld.training.train.BranchFixtures.assertSameWeights;
import static dev.uniworld.training.train.BranchFixtures.load;
import static dev.uniworld.training.train.BranchFixtures.state;
import static dev.uniworld.training.train.BranchFixtures.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Branching a run off a finished phase: what the earlier phases used must agree, and the weights take the recipe. */
class BranchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void afterStageOneAnotherReferenceLayoutMayFollowAndTheWeightsTakeIt() throws Exception {
        // Given a state after stage 1 trained without aligned references (stage 1 has no reference images)
        Recipe aligned = Recipe.tiny();
        Recipe unaligned = aligned.withModel(withAlignment(aligned.model(), false));
        Path state = state(dir, 3, unaligned);
        // When stage 2 branches off with aligned references
        RunBranches.branch(state, dir.resolve("run"), aligned);
        // Then the branched weights load as the recipe's model
        Path weights = dir.resolve("run").resolve("state").resolve("weights");
        assertEquals(aligned.model(), CheckpointIo.readConfig(weights));
        assertTrue(aligned.model().dit().alignedReferences());
    }

    @Test
    void aBranchAKillInterruptedIsStartedAgainByTheSameCommand() throws Exception {
        // Given what a killed branch leaves: its half-built state beside the run's missing one
        Recipe recipe = Recipe.tiny();
        Path state = state(dir, 3, recipe);
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("state.branch").resolve("weights"));
        Files.copy(state.resolve(RunFiles.STATE_FILE), run.resolve("state.branch").resolve(RunFiles.STATE_FILE));
        // When the same branch runs again
        RunBranches.branch(state, run, recipe);
        // Then the run's state is whole, and nothing half-built is left
        assertEquals(run.resolve("state"), RunCheckpoints.resumePoint(run));
        assertEquals(recipe.model(), CheckpointIo.readConfig(run.resolve("state").resolve("weights")));
        assertFalse(Files.exists(run.resolve("state.branch")));
    }

    @Test
    void aShortcutAddedAfterStageOneStartsSeededInTheWeightsAndTheirAverage() throws Exception {
        // Given a state after stage 1 of a DiT without the reference shortcut, its average unlike its weights
        Recipe shortcutRecipe = Recipe.tiny();
        assertTrue(shortcutRecipe.model().dit().referenceShortcut());
        Recipe plainRecipe = shortcutRecipe.withModel(withShortcut(shortcutRecipe.model(), false));
        Path state = stateWithAverage(plainRecipe);
        // When stage 2 branches off with the shortcut
        RunBranches.branch(state, dir.resolve("run"), shortcutRecipe);
        // Then stage 1's weights and averages are kept, and the shortcut's average starts at its seeded weight
        Path branched = dir.resolve("run").resolve("state");
        try (UniWorldModel before = load(state.resolve("weights"));
                UniWorldModel after = load(branched.resolve("weights"));
                UniWorldModel fresh = UniWorldModel.create(shortcutRecipe.model(), shortcutRecipe.seed());
                NDManager scratch = after.manager().newSubManager()) {
            assertEquals(shortcutRecipe.model(), after.config());
            assertTrue(sum(before, "dit.double0.") != sum(fresh, "dit.double0."), "the test needs two seeds");
            assertSameWeights(before, after, "dit.double0.");
            Map<String, NDArray> stored = RunFiles.readTensors(state.resolve(RunFiles.EMA_FILE), scratch);
            Map<String, NDArray> averages = RunFiles.readTensors(branched.resolve(RunFiles.EMA_FILE), scratch);
            assertEquals(DiffusionPhase.emaTracked(after).keySet(), averages.keySet());
            assertSameWeights(stored, averages, "dit.double0.");
            assertTrue(sum(averages, "dit.ref_in.") > 0);
            assertSameWeights(fresh, after, "dit.ref_in.");
            assertSameWeights(after, averages, "dit.ref_in.");
        }
    }

    @Test
    void aShortcutDroppedAfterStageOneLeavesTheWeightsAndTheirAverage() throws Exception {
        Recipe shortcutRecipe = Recipe.tiny();
        Recipe plainRecipe = shortcutRecipe.withModel(withShortcut(shortcutRecipe.model(), false));
        Path state = stateWithAverage(shortcutRecipe);
        RunBranches.branch(state, dir.resolve("run"), plainRecipe);
        Path branched = dir.resolve("run").resolve("state");
        try (UniWorldModel after = load(branched.resolve("weights"));
                NDManager scratch = after.manager().newSubManager()) {
            assertEquals(plainRecipe.model(), after.config());
            Map<String, NDArray> averages = RunFiles.readTensors(branched.resolve(RunFiles.EMA_FILE), scratch);
            assertEquals(DiffusionPhase.emaTracked(after).keySet(), averages.keySet());
            assertTrue(averages.keySet().stream().noneMatch(name -> name.contains("ref_in")));
        }
    }

    @Test
    void afterStageTwoTheReferenceLayoutMayNotChange() throws Exception {
        Recipe aligned = Recipe.tiny();
        Path state = state(dir, 4, aligned.withModel(withAlignment(aligned.model(), false)));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(state, dir.resolve("run"), aligned));
        assertTrue(refused.getMessage().startsWith("cannot branch"), refused.getMessage());
        assertTrue(refused.getMessage().contains("model.dit.alignedReferences: false here, true asked"),
                refused.getMessage());
    }

    @Test
    void aStateAfterTheVlmLendsTheVlmAloneAndTheRunGoesOnWithSiglip() throws Exception {
        // Given a VLM-only run (its recipe trains nothing after the VLM), a state after its VLM phase
        Recipe recipe = Recipe.tiny();
        Path state = state(dir, 1, recipe.withSteps(recipe.vlmSteps(), 0, 0, 0));
        // When a full run takes its encoders
        RunBranches.branchEncoders(state, dir.resolve("run"), recipe);
        // Then the VLM is the other run's, SigLIP and the DiT are freshly seeded, and the run resumes at SigLIP
        try (UniWorldModel lent = load(state.resolve("weights"));
                UniWorldModel branched = load(dir.resolve("run").resolve("state").resolve("weights"));
                UniWorldModel fresh = UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(),
                        EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL)) {
            assertTrue(sum(lent, "vlm.") != sum(fresh, "vlm."), "the test needs two differently seeded VLMs");
            assertSameWeights(lent, branched, "vlm.");
            assertSameWeights(fresh, branched, "siglip.");
            assertSameWeights(fresh, branched, "dit.");
        }
        RunState resumed = RunFiles.readState(dir.resolve("run").resolve("state"));
        assertEquals(1, resumed.phase());
        assertEquals(recipe, resumed.recipe());
    }

    @Test
    void encodersLentToAStartAKillInterruptedAreLentAgainAndAStartedRunIsKept() throws Exception {
        // Given a start that a kill interrupted: half of state.branch/, and the weights without state.json that an
        // earlier version wrote straight into state/
        Recipe recipe = Recipe.tiny();
        Path state = state(dir, 1, recipe.withSteps(recipe.vlmSteps(), 0, 0, 0));
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("state.branch").resolve("weights"));
        Files.createDirectories(run.resolve("state").resolve("weights"));
        // When the same command runs again, the run starts whole and nothing half made is left
        RunBranches.branchEncoders(state, run, recipe);
        assertEquals(1, RunFiles.readState(run.resolve("state")).phase());
        assertTrue(RunFiles.holdsWeights(run.resolve("state")));
        assertFalse(Files.exists(run.resolve("state.branch")));
        // and a run once started is never written over
        var again = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(state, run, recipe));
        assertTrue(again.getMessage().endsWith("already holds a run"), again.getMessage());
    }

    @Test
    void encodersFromAStateAfterTheDiffusionPhasesAreRefused() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path state = state(dir, 3, recipe);
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(state, dir.resolve("run"), recipe));
        assertTrue(refused.getMessage().startsWith("cannot take encoders"), refused.getMessage());
    }

    @Test
    void encodersTrainedOtherwiseThanTheRecipeWouldAreRefused() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path plainSiglip = state(dir, 2, recipe.withSiglipReconstruction(0));
        var otherSiglip = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(plainSiglip, dir.resolve("a"), recipe));
        assertTrue(otherSiglip.getMessage().startsWith("cannot take encoders"), otherSiglip.getMessage());
        Path shortVlm = state(dir, 1, recipe.withSteps(recipe.vlmSteps() / 2, 0, 0, 0));
        var otherVlm = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(shortVlm, dir.resolve("b"), recipe));
        assertTrue(otherVlm.getMessage().startsWith("cannot take encoders"), otherVlm.getMessage());
        assertTrue(otherVlm.getMessage().contains("vlmSteps: " + recipe.vlmSteps() / 2 + " here, "
                + recipe.vlmSteps() + " asked"), otherVlm.getMessage());
    }

    @Test
    void aSiglipOfTheSameVlmReplacesTheOneAStageOneStateHolds() throws Exception {
        // Given a state after stage 1, and a state after SigLIP pretrained otherwise on the same VLM
        Recipe plain = Recipe.tiny().withSiglipReconstruction(0);
        Recipe reconstructing = Recipe.tiny().withSiglipReconstruction(10);
        Path stage1 = state(dir, 3, plain);
        Path siglip = siglipState(reconstructing, true);
        // When stage 2 branches off the first with the second's SigLIP
        RunBranches.branch(stage1, siglip, dir.resolve("run"), reconstructing);
        // Then SigLIP is the lent one, everything else stage 1's, and the checkpoint loads (its digest is new)
        try (UniWorldModel before = load(stage1.resolve("weights"));
                UniWorldModel lent = load(siglip.resolve("weights"));
                UniWorldModel after = load(dir.resolve("run").resolve("state").resolve("weights"))) {
            assertTrue(sum(before, "siglip.") != sum(lent, "siglip."), "the test needs two SigLIPs");
            assertSameWeights(lent, after, "siglip.");
            assertSameWeights(before, after, "vlm.");
            assertSameWeights(before, after, "dit.");
            assertSameWeights(before, after, "fusion.");
        }
        assertEquals(reconstructing, RunFiles.readState(dir.resolve("run").resolve("state")).recipe());
    }

    @Test
    void aWiderSiglipTakesASeededConnectorInTheWeightsAndTheirAverage() throws Exception {
        // Given a state after stage 1, and a state after SigLIP of another width on the same VLM
        Recipe narrow = Recipe.tiny();
        Recipe wide = withWideSiglip(narrow);
        Path stage1 = stateWithAverage(narrow);
        Path siglip = siglipState(wide, true);
        // When stage 2 branches off with the wider SigLIP
        RunBranches.branch(stage1, siglip, dir.resolve("run"), wide);
        // Then the checkpoint loads as the recipe's model, with stage 1's VLM, DiT and VLM connector, the lent SigLIP,
        // and the SigLIP connector a fresh model of the recipe would have, which the average also holds
        Path branched = dir.resolve("run").resolve("state");
        try (UniWorldModel before = load(stage1.resolve("weights"));
                UniWorldModel lent = load(siglip.resolve("weights"));
                UniWorldModel after = load(branched.resolve("weights"));
                UniWorldModel fresh = UniWorldModel.create(wide.model(), wide.seed());
                NDManager scratch = after.manager().newSubManager()) {
            assertEquals(wide.model(), after.config());
            assertSameWeights(lent, after, "siglip.");
            assertSameWeights(before, after, "vlm.");
            assertSameWeights(before, after, "dit.");
            assertSameWeights(before, after, "fusion.vlm_connector.");
            assertSameWeights(fresh, after, "fusion.siglip_connector.");
            Map<String, NDArray> averages = RunFiles.readTensors(branched.resolve(RunFiles.EMA_FILE), scratch);
            assertEquals(DiffusionPhase.emaTracked(after).keySet(), averages.keySet());
            DiffusionPhase.emaTracked(after).forEach((name, p) ->
                    assertEquals(p.getArray().getShape(), averages.get(name).getShape(), name));
            assertSameWeights(after, averages, "fusion.siglip_connector.");
            // the other averages are stage 1's, not the weights
            Map<String, NDArray> stored = RunFiles.readTensors(stage1.resolve(RunFiles.EMA_FILE), scratch);
            assertTrue(sum(stored, "dit.") != sum(after, "dit."), "the test needs averages unlike the weights");
            assertSameWeights(stored, averages, "dit.");
            assertSameWeights(stored, averages, "fusion.vlm_connector.");
        }
        RunState branchedState = RunFiles.readState(branched);
        assertEquals(wide, branchedState.recipe());
        assertEquals(50, branchedState.emaUpdates());
    }

    @Test
    void aWiderSiglipIsTakenOnlyWhenLentAndNamedByTheRecipe() throws Exception {
        Recipe narrow = Recipe.tiny();
        Recipe wide = withWideSiglip(narrow);
        Path stage1 = state(dir, 3, narrow);
        // no SigLIP lent: the recipe's wider one would have to come from nowhere
        var unlent = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(stage1, null, dir.resolve("a"), wide));
        assertTrue(unlent.getMessage().startsWith("cannot branch"), unlent.getMessage());
        // a lent SigLIP of another width than the recipe's
        var unnamed = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(stage1, siglipState(narrow, true), dir.resolve("b"), wide));
        assertTrue(unnamed.getMessage().startsWith("cannot branch"), unnamed.getMessage());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")));
        // from a state after SigLIP (no moving average yet) the wider one is taken as well
        RunBranches.branch(state(dir, 2, narrow), siglipState(wide, true), dir.resolve("c"), wide);
        Path branched = dir.resolve("c").resolve("state");
        try (UniWorldModel after = load(branched.resolve("weights"))) {
            assertEquals(wide.model(), after.config());
        }
        assertFalse(Files.exists(branched.resolve(RunFiles.EMA_FILE)));
    }

    @Test
    void aSiglipIsNotReplacedAcrossVlmsNorOnceStageTwoHasBegun() throws Exception {
        Recipe recipe = Recipe.tiny();
        var otherVlm = assertThrows(IllegalArgumentException.class, () -> RunBranches.branch(
                state(dir, 3, recipe), siglipState(recipe, false), dir.resolve("a"), recipe));
        assertTrue(otherVlm.getMessage().contains("holds another VLM"), otherVlm.getMessage());
        assertFalse(Files.exists(dir.resolve("a")), "a refused branch must leave nothing to resume");
        // a resume point inside stage 2: its DiT has already been trained on the old SigLIP's features
        Path insideStage2 = state(dir, 3, recipe);
        JSON.writeValue(insideStage2.resolve("state.json").toFile(), new RunState(3, 200, 4200, 200, 60, recipe));
        assertRefusedSiglip(insideStage2, siglipState(recipe, true), recipe, "phase 3 step 200");
        assertRefusedSiglip(state(dir, 4, recipe), siglipState(recipe, true), recipe, "phase 4 step 0");
        // the lent state must have finished SigLIP's pretraining
        Path lentTooEarly = siglipState(recipe, true);
        JSON.writeValue(lentTooEarly.resolve("state.json").toFile(), new RunState(1, 0, 100, 0, 60, recipe));
        assertRefusedSiglip(state(dir, 3, recipe), lentTooEarly, recipe, "not a state at phase 1");
    }

    private void assertRefusedSiglip(Path phaseState, Path lent, Recipe recipe, String reason) {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(phaseState, lent, dir.resolve("refused"), recipe));
        assertTrue(refused.getMessage().startsWith("cannot take SigLIP") && refused.getMessage().contains(reason),
                refused.getMessage());
        assertFalse(Files.exists(dir.resolve("refused")));
    }

    /** A state after SigLIP of a seed-2 model, with the VLM of {@link BranchFixtures#state}'s (seed 1) or its own. */
    private Path siglipState(Recipe recipe, boolean seedOneVlm) throws Exception {
        Path state = dir.resolve("siglip-" + seedOneVlm);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 2);
                UniWorldModel seedOne = UniWorldModel.create(recipe.model(), 1)) {
            if (seedOneVlm) {
                model.parameters().forEach((name, p) -> {
                    if (name.startsWith("vlm.")) {
                        seedOne.parameters().get(name).getArray().copyTo(p.getArray());
                    }
                });
            }
            model.save(state.resolve("weights"));
        }
        JSON.writeValue(state.resolve("state.json").toFile(), new RunState(2, 0, 100, 0, 60, recipe));
        return state;
    }

    /** A state after stage 1 (weights of seed 1) with a moving average of other values (seed 2). */
    private Path stateWithAverage(Recipe recipe) throws Exception {
        Path state = state(dir, 3, recipe);
        JSON.writeValue(state.resolve("state.json").toFile(), new RunState(3, 0, 100, 50, 60, recipe));
        try (UniWorldModel other = UniWorldModel.create(recipe.model(), 2)) {
            RunFiles.writeTensors(state.resolve(RunFiles.EMA_FILE), DiffusionPhase.emaTracked(other).entrySet()
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getArray())));
        }
        return state;
    }

    /** The recipe with a SigLIP twice as wide. */
    private static Recipe withWideSiglip(Recipe recipe) {
        VitConfig s = recipe.model().siglip();
        return recipe.withModel(recipe.model().withSiglip(new VitConfig(s.imageSize(), s.patchSize(), 2 * s.hidden(),
                s.layers(), s.heads(), 2 * s.intermediate(), s.layerNormEps())));
    }

    private static UniWorldConfig withShortcut(UniWorldConfig config, boolean shortcut) {
        return config.withDit(config.dit().withReferenceShortcut(shortcut));
    }

    private static UniWorldConfig withAlignment(UniWorldConfig config, boolean aligned) {
        return config.withDit(config.dit().withAlignedReferences(aligned));
    }
}
