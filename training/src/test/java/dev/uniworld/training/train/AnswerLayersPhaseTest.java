package dev.uniworld.training.train;

import static dev.uniworld.training.train.BranchFixtures.assertSameWeights;
import static dev.uniworld.training.train.BranchFixtures.load;
import static dev.uniworld.training.train.BranchFixtures.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe's last phase trains the VLM's answer layers, on a finished checkpoint too, and nothing else. */
class AnswerLayersPhaseTest {

    @TempDir
    Path dir;

    private final WordTokenizer tokenizer = ShapesTokenizer.create();

    @Test
    void answerLayersComeLastInTheRecipe() {
        Recipe recipe = Recipe.tiny().withAnswers(1, 300);
        assertEquals(List.of("vlm", "siglip", "stage1", "stage2", "answer"), recipe.phaseNames());
        assertEquals(List.of("vlm", "siglip", "stage1", "stage2"), Recipe.tiny().withAnswers(0, 0).phaseNames());
        assertEquals(30, recipe.scaled(0.1).answerSteps());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Recipe.tiny().withAnswers(0, 100));
        assertTrue(refused.getMessage().contains("answer layers"), refused.getMessage());
    }

    @Test
    void theAnswerLayersLearnTheAnswersTokensAloneAfterTheDescription() {
        TaskSample question = new TaskGenerator(new TaskConfig(new RenderConfig(64), Set.of()))
                .sample(TaskCategory.COLOUR_OF, Split.TRAIN, 3);
        VlmExamples examples = PhaseFixtures.data(Recipe.tiny()).vlmExamples();
        VlmExamples.VlmExample described = examples.question(question);
        int answerTokens = tokenizer.encode(question.answer()).length + 1; // and the stop token
        int from = described.ids().length - 1 - answerTokens;
        assertEquals(from, described.answerFrom());
        assertEquals(tokenizer.encode(DescribedAnswers.SEPARATOR)[0], described.ids()[from], "after the full stop");
        float[] weights = VlmPhase.answerWeights(described);
        for (int t = 0; t < weights.length; t++) {
            assertEquals(t >= from && t < from + answerTokens ? 1f / answerTokens : 0f, weights[t], 1e-7, "at " + t);
        }
        VlmExamples.VlmExample caption = examples.caption(question.inputImages().get(0), "a red circle");
        assertEquals(-1, caption.answerFrom());
        for (float w : VlmPhase.answerWeights(caption)) {
            assertEquals(0f, w);
        }
    }

    @Test
    void aCheckpointTrainsItsAnswerLayersAloneAndExportsTheRestUnchanged() throws Exception {
        Recipe shipped = Recipe.tiny();
        // a small VLM batch keeps the four answer steps quick; the checkpoint's recipe must have trained with it too
        Recipe trained = shipped.withBatches(4, shipped.siglipBatch(), shipped.ditBatch());
        Recipe recipe = trained.withAnswers(1, 4);
        Path checkpoint = checkpoint(trained);
        Path out = dir.resolve("run");
        CheckpointAnswers.branch(checkpoint, out, recipe, tokenizer);
        RunState start = RunFiles.readState(out.resolve("state"));
        assertEquals(recipe.phaseIndex("answer"), start.phase());
        assertEquals((long) recipe.vlmSteps() + recipe.siglipSteps() + recipe.stage1Steps() + recipe.stage2Steps(),
                start.globalStep());
        try (UniWorldModel branched = load(out.resolve("state").resolve("weights"))) {
            double top = sum(branched, "vlm.layer2.");
            assertEquals(top, sum(branched, "vlm.answer_layer0."), 1e-6 * top, "the answer layer starts as a copy");
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path model = new TrainingRun(recipe, out, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        try (UniWorldModel before = load(checkpoint); UniWorldModel after = load(model)) {
            for (String part : List.of("vlm.embed_tokens", "vlm.layer", "vlm.norm", "vlm.visual.", "vlm.task_head.",
                    "vlm.lm_head.", "siglip.", "fusion.", "dit.")) {
                assertSameWeights(before, after, part);
            }
            // the answer layer started as a copy of the top layer and trained away from it
            assertNotEquals(sum(before, "vlm.layer2."), sum(after, "vlm.answer_layer0."));
        }
        assertEquals(recipe, RunFiles.JSON.readValue(model.resolve(RunCheckpoints.RECIPE_FILE).toFile(),
                Recipe.class));
    }

    @Test
    void fromScratchTheAnswerPhaseLeavesTheDiffusionStagesMovingAverageAsItWas() throws Exception {
        Recipe recipe = Recipe.tiny().withAnswers(0, 0).withModel(Recipe.withPatch(Presets.tiny(), 16))
                .withSteps(2, 0, 3, 3).withBatches(4, 4, 4).withCheckpointEvery(3).withAnswers(1, 3);
        Path out = dir.resolve("run");
        Path model = new TrainingRun(recipe, out, new PrintStream(OutputStream.nullOutputStream())).run();
        Path afterStage2 = out.resolve("state-after-stage2");
        try (UniWorldModel trained = load(model); UniWorldModel before = load(afterStage2.resolve("weights"));
                NDManager scratch = NDManager.newBaseManager()) {
            assertSameWeights(RunFiles.readTensors(afterStage2.resolve(RunFiles.EMA_FILE), scratch),
                    tensors(trained), "dit.");
            // the copy made when the VLM phase ended, then trained in the last phase
            double top = sum(before, "vlm.layer2.");
            assertEquals(top, sum(before, "vlm.answer_layer0."), 1e-6 * top);
            assertNotEquals(sum(before, "vlm.answer_layer0."), sum(trained, "vlm.answer_layer0."));
        }
    }

    @Test
    void encodersLentWithoutAnswerLayersAreCopiedIntoThem() throws Exception {
        Recipe plain = Recipe.tiny().withAnswers(0, 0);
        Path checkpoint = checkpoint(plain);
        CheckpointEncoders.branch(checkpoint, dir.resolve("run"), Recipe.tiny(), tokenizer);
        int layers = Recipe.tiny().model().vlm().layers();
        int copies = Recipe.tiny().model().vlm().answerLayers();
        try (UniWorldModel branched = load(dir.resolve("run").resolve("state").resolve("weights"))) {
            for (int i = 0; i < copies; i++) { // the copies stand in for the top layers, the lowest first
                double layer = sum(branched, "vlm.layer" + (layers - copies + i) + ".");
                assertEquals(layer, sum(branched, "vlm.answer_layer" + i + "."), 1e-6 * layer);
            }
        }
    }

    @Test
    void aStateAfterStageTwoBranchesOnlyIntoTheSameEarlierPhases() throws Exception {
        Recipe shipped = Recipe.tiny();
        Path state = BranchFixtures.state(dir, shipped.phaseIndex("answer"), shipped);
        Recipe shorter = shipped.withSteps(shipped.vlmSteps(), shipped.siglipSteps(), shipped.stage1Steps(), 100);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(state, dir.resolve("run"), shorter));
        assertTrue(refused.getMessage().contains("stage2Steps"), refused.getMessage());
        RunBranches.branch(state, dir.resolve("run"), shipped.withAnswers(1, 50));
        assertEquals(shipped.phaseIndex("answer"), RunFiles.readState(dir.resolve("run").resolve("state")).phase());
    }

    @Test
    void aCheckpointWhoseEarlierPhasesRanOtherwiseIsRefusedNamingTheField() throws Exception {
        Recipe shipped = Recipe.tiny();
        Path checkpoint = checkpoint(shipped.withSteps(shipped.vlmSteps(), shipped.siglipSteps(),
                shipped.stage1Steps(), shipped.stage2Steps() / 2));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAnswers.branch(checkpoint, dir.resolve("run"), shipped.withAnswers(1, 10), tokenizer));
        assertTrue(refused.getMessage().contains("stage2Steps"), refused.getMessage());
        IllegalArgumentException noLayers = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAnswers.branch(checkpoint, dir.resolve("run2"), shipped.withAnswers(0, 0), tokenizer));
        assertTrue(noLayers.getMessage().contains("no answer layers"), noLayers.getMessage());
        IllegalArgumentException noSteps = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAnswers.branch(checkpoint, dir.resolve("run3"), shipped.withAnswers(2, 0), tokenizer));
        assertTrue(noSteps.getMessage().contains("no answer layers"), noSteps.getMessage());
    }

    private static Map<String, NDArray> tensors(UniWorldModel model) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        model.parameters().forEach((name, p) -> out.put(name, p.getArray()));
        return out;
    }

    private Path checkpoint(Recipe recipe) throws Exception {
        Path out = dir.resolve("model-" + recipe.hashCode());
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 1)) {
            new RunCheckpoints(dir, tokenizer, recipe).exportRaw(model, out);
        }
        return out;
    }
}
