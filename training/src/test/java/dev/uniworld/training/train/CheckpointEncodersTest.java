package dev.uniworld.training.train;

import static dev.uniworld.training.train.BranchFixtures.assertSameWeights;
import static dev.uniworld.training.train.BranchFixtures.load;
import static dev.uniworld.training.train.BranchFixtures.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a run with the encoders of an exported checkpoint: its recipe decides what it may lend. */
class CheckpointEncodersTest {

    @TempDir
    Path dir;

    private final WordTokenizer tokenizer = ShapesTokenizer.create();

    @Test
    void aCheckpointOfTheSameRecipeLendsBothEncodersAndTheRunGoesOnAtStageOne() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path checkpoint = checkpoint(recipe, tokenizer);
        CheckpointEncoders.branch(checkpoint, dir.resolve("run"), recipe, tokenizer);
        Path state = dir.resolve("run").resolve("state");
        try (UniWorldModel lent = load(checkpoint); UniWorldModel branched = load(state.resolve("weights"));
                UniWorldModel fresh = UniWorldModel.create(recipe.model(), recipe.seed())) {
            assertTrue(sum(lent, "vlm.") != sum(fresh, "vlm."), "the test needs two differently seeded models");
            assertSameWeights(lent, branched, "vlm.");
            assertSameWeights(lent, branched, "siglip.");
            // the DiT and connectors are the recipe's own seeding, as from scratch
            assertSameWeights(fresh, branched, "dit.");
            assertSameWeights(fresh, branched, "fusion.");
        }
        RunState resumed = RunFiles.readState(state);
        assertEquals(recipe.phaseIndex("stage1"), resumed.phase());
        assertEquals(0, resumed.step());
        assertEquals(recipe.vlmSteps() + recipe.siglipSteps(), resumed.globalStep());
        assertEquals(recipe, resumed.recipe());
    }

    @Test
    void aCheckpointWhoseSiglipWasTrainedOtherwiseLendsTheVlmAloneAndTheRunGoesOnWithSiglip() throws Exception {
        Recipe shipped = Recipe.tiny();
        Recipe longerSiglip = shipped.withSteps(shipped.vlmSteps(), shipped.siglipSteps() * 10,
                shipped.stage1Steps(), shipped.stage2Steps());
        Path checkpoint = checkpoint(shipped, tokenizer);
        CheckpointEncoders.branch(checkpoint, dir.resolve("run"), longerSiglip, tokenizer);
        Path state = dir.resolve("run").resolve("state");
        try (UniWorldModel lent = load(checkpoint); UniWorldModel branched = load(state.resolve("weights"));
                UniWorldModel fresh = UniWorldModel.create(longerSiglip.model(), longerSiglip.seed())) {
            assertSameWeights(lent, branched, "vlm.");
            assertSameWeights(fresh, branched, "siglip.");
            assertTrue(sum(lent, "siglip.") != sum(branched, "siglip."));
        }
        RunState resumed = RunFiles.readState(state);
        assertEquals(longerSiglip.phaseIndex("siglip"), resumed.phase());
        assertEquals(longerSiglip.vlmSteps(), resumed.globalStep());
    }

    @Test
    void aCheckpointWithoutARecipeIsRefusedNamingTheFile() throws Exception {
        Path checkpoint = checkpoint(Recipe.tiny(), tokenizer);
        Files.delete(checkpoint.resolve(RunCheckpoints.RECIPE_FILE));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.branch(checkpoint, dir.resolve("run"), Recipe.tiny(), tokenizer));
        assertTrue(refused.getMessage().startsWith("cannot take encoders from " + checkpoint), refused.getMessage());
        assertTrue(refused.getMessage().contains("no recipe.json"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void aVlmTrainedOtherwiseIsRefusedNamingTheDifference() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path checkpoint = checkpoint(recipe.withSteps(recipe.vlmSteps() / 2, recipe.siglipSteps(),
                recipe.stage1Steps(), recipe.stage2Steps()), tokenizer);
        var refused = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.branch(checkpoint, dir.resolve("run"), recipe, tokenizer));
        assertTrue(refused.getMessage().contains("vlmSteps: " + recipe.vlmSteps() / 2 + " here, "
                + recipe.vlmSteps() + " asked"), refused.getMessage());
    }

    @Test
    void anotherVocabularyIsRefused() throws Exception {
        // the words after the special symbols, the last two swapping ids: the same size, other embeddings for both
        List<String> words = new ArrayList<>(tokenizer.words().subList(SpecialTokens.WORD_LEVEL_SYMBOLS.length,
                tokenizer.words().size()));
        int last = words.size() - 1;
        words.add(last - 1, words.remove(last));
        WordTokenizer other = new WordTokenizer(words);
        Path checkpoint = checkpoint(Recipe.tiny(), tokenizer);
        other.save(checkpoint.resolve(WordTokenizer.CHECKPOINT_FILE));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.branch(checkpoint, dir.resolve("run"), Recipe.tiny(), tokenizer));
        assertTrue(refused.getMessage().contains("vocabulary differs"), refused.getMessage());
    }

    @Test
    void anUnreadableRecipeOrOneThatDisagreesWithTheConfigIsRefusedNamingTheFile() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path checkpoint = checkpoint(recipe, tokenizer);
        Path recipeFile = checkpoint.resolve(RunCheckpoints.RECIPE_FILE);
        Files.writeString(recipeFile, "{\"seed\": 10,");
        var unreadable = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.branch(checkpoint, dir.resolve("a"), recipe, tokenizer));
        assertTrue(unreadable.getMessage().contains("its recipe.json is unreadable"), unreadable.getMessage());
        // a recipe of another VLM width beside weights of the recipe's
        Recipe wider = recipe.withModel(recipe.model().withVlm(recipe.model().vlm().withLayers(4)));
        RunFiles.JSON.writeValue(recipeFile.toFile(), wider);
        var disagreeing = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.branch(checkpoint, dir.resolve("b"), wider, tokenizer));
        assertTrue(disagreeing.getMessage().contains("config.json holds other encoders than its recipe.json"),
                disagreeing.getMessage());
    }

    @Test
    void aBranchStoppedBeforeItsStateWasWrittenIsRedoneAndAFinishedOneIsKept() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path checkpoint = checkpoint(recipe, tokenizer);
        Path halfMade = dir.resolve("run").resolve("state").resolve("weights");
        Files.createDirectories(halfMade);
        Files.createDirectories(dir.resolve("run").resolve("state.branch"));
        CheckpointEncoders.branch(checkpoint, dir.resolve("run"), recipe, tokenizer);
        assertEquals(recipe.phaseIndex("stage1"), RunFiles.readState(dir.resolve("run").resolve("state")).phase());
        assertFalse(Files.exists(dir.resolve("run").resolve("state.branch")));
        var again = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.branch(checkpoint, dir.resolve("run"), recipe, tokenizer));
        assertTrue(again.getMessage().endsWith("already holds a run"), again.getMessage());
    }

    @Test
    void aDirectoryThatIsNeitherACheckpointNorAResumePointIsRefused() throws Exception {
        var missing = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.requireEncoderSource(dir.resolve("nothing")));
        assertTrue(missing.getMessage().endsWith("no such directory"), missing.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEncoders.requireEncoderSource(dir));
        assertTrue(empty.getMessage().contains("neither a checkpoint (config.json) nor a run's resume point"),
                empty.getMessage());
        CheckpointEncoders.requireEncoderSource(checkpoint(Recipe.tiny(), tokenizer));
    }

    @Test
    void exportedCheckpointsAreRecognisedAndResumePointsAreNot() throws Exception {
        assertTrue(CheckpointEncoders.isCheckpoint(checkpoint(Recipe.tiny(), tokenizer)));
        assertFalse(CheckpointEncoders.isCheckpoint(BranchFixtures.state(dir, 1, Recipe.tiny())));
    }

    /** A checkpoint as the trainer exports it (weights of seed 1, vocabulary, recipe) in {@code dir/model}. */
    private Path checkpoint(Recipe recipe, WordTokenizer vocabulary) throws Exception {
        Path out = dir.resolve("model");
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 1)) {
            model.network().vlm().forkAnswerLayers(); // as the VLM phase leaves them
            new RunCheckpoints(dir, vocabulary, recipe).exportRaw(model, out);
        }
        return out;
    }
}
