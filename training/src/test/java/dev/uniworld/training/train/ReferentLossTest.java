package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.training.shapes.PerceptionMaps;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage 2's optional referent loss: its labels, its weighted cross-entropy, and what it adds to a run. */
class ReferentLossTest {

    private static final int CELL = 8;
    private static final TaskGenerator GENERATOR = PhaseFixtures.generator();
    private static final PerceptionMaps MAPS = new PerceptionMaps(new RenderConfig(64));

    @TempDir
    Path dir;

    @Test
    void aSegmentationMarksTheNamedObjectAndNotTheOthers() {
        TaskSample sample = firstWithObjects(TaskCategory.SEGMENTATION, 3);
        Scene scene = sample.inputScenes().get(0);
        // the named object is the one whose mask the target is
        int[] target = CellPixels.whitePixelsPerCell(sample.targetImage());
        List<SceneObject> named = scene.objects().stream()
                .filter(o -> Arrays.equals(target, visiblePixelsPerCell(scene, o))).toList();
        assertEquals(1, named.size(), "objects whose mask the target is");
        assertMarksOnly(ReferentCells.of(sample, CELL), scene, named.get(0));
    }

    @Test
    void aRemovalMarksTheRemovedObjectAndAnExtractionTheKeptOne() {
        TaskSample removal = firstWithObjects(TaskCategory.REMOVE, 3);
        Scene before = removal.inputScenes().get(0);
        SceneObject removed = before.objects().stream().filter(o -> !removal.targetScene().objects().contains(o))
                .findFirst().orElseThrow();
        assertMarksOnly(ReferentCells.of(removal, CELL), before, removed);
        TaskSample extraction = firstWithObjects(TaskCategory.EXTRACT, 3);
        assertEquals(1, extraction.targetScene().objects().size());
        assertMarksOnly(ReferentCells.of(extraction, CELL), extraction.inputScenes().get(0),
                extraction.targetScene().objects().get(0));
    }

    @Test
    void aDrawingMarksEveryObjectItNamesHoweverSmall() {
        for (long seed = 0; seed < 20; seed++) {
            TaskSample counting = GENERATOR.sample(TaskCategory.COUNTING, Split.TRAIN, seed);
            Scene scene = counting.targetScene();
            boolean[] marked = ReferentCells.of(counting, CELL);
            for (SceneObject o : scene.objects()) {
                int[] pixels = visiblePixelsPerCell(scene, o);
                for (int c = 0; c < marked.length; c++) {
                    assertTrue(marked[c] || pixels[c] == 0, "seed " + seed + ": cell " + c + " holds " + pixels[c]
                            + " pixels of " + o + " but is not marked");
                }
            }
        }
    }

    @Test
    void mapsOfTheWholeSceneBackgroundsDroppedPromptsAndRecipesWithoutTheLossGetNoLabels() {
        for (TaskCategory category : new TaskCategory[] {TaskCategory.EDGES, TaskCategory.DEPTH,
                TaskCategory.RECONSTRUCTION}) {
            assertNull(ReferentCells.of(GENERATOR.sample(category, Split.TRAIN, 3), CELL), category.toString());
        }
        assertNull(ReferentCells.of(GENERATOR.sample(TaskCategory.BACKGROUND, Split.TRAIN, 3), CELL));
        TaskSample removal = GENERATOR.sample(TaskCategory.REMOVE, Split.TRAIN, 5);
        assertNull(PhaseFixtures.data(Recipe.tiny().withReferentLoss(0)).ditExample(removal, false).referentCells());
        TrainingData weighted = PhaseFixtures.data(Recipe.tiny().withReferentLoss(1));
        assertNotNull(weighted.ditExample(removal, false).referentCells());
        assertNull(weighted.ditExample(removal, true).referentCells(), "a dropped prompt names nothing");
    }

    @Test
    void targetsWeighTheMarkedCellsAsAnEditRegionAndSkipUnlabelledSamples() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ReferentHead.Targets t = ReferentHead.targets(manager,
                    Arrays.asList(new boolean[] {false, true, false, false}, null), 4);
            assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 0}, t.labels().toFloatArray());
            // inside log2(4 / 1) + 1 = 3, outside 1: sum 6, over a batch of 2
            assertArrayEquals(new float[] {1 / 12f, 3 / 12f, 1 / 12f, 1 / 12f, 0, 0, 0, 0},
                    t.weights().toFloatArray(), 1e-7f);
            var refused = assertThrows(IllegalArgumentException.class,
                    () -> ReferentHead.targets(manager, Arrays.asList(new boolean[3], new boolean[4]), 4));
            assertTrue(refused.getMessage().contains("sample 0 has 3 cells for 4"), refused.getMessage());
        }
    }

    @Test
    void theLossIsTheWeightedBinaryCrossEntropyOfTheHeadsLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ReferentHead head = new ReferentHead(manager, 4, 3);
            NDArray tokens = manager.randomNormal(new Shape(1, 2, 4)).mul(3f); // [B=1, N=2, D=4]
            ReferentHead.Targets t = ReferentHead.targets(manager, Arrays.asList(new boolean[] {true, false}), 2);
            ParameterStore store = new ParameterStore(manager, false);
            float[] logits = head.logits(store, tokens, false).toFloatArray();
            // one marked cell of two: weights log2(2) + 1 = 2 and 1, so 2/3 and 1/3
            double expected = -(2.0 / 3) * Math.log(sigmoid(logits[0])) - (1.0 / 3) * Math.log(1 - sigmoid(logits[1]));
            assertEquals(expected, head.loss(store, tokens, t, false).getFloat(), 1e-5);
            head.close();
        }
    }

    @Test
    void theTermAddsItsWeightTimesAPositiveLossToStageTwoOnly() {
        PhaseFixtures.assertStageTwoTermIsLinear(weight -> Recipe.tiny().withBatches(4, 4, 4).withReferentLoss(weight));
    }

    @Test
    void aStageTwoBatchCarriesEachSamplesCellsInOrderAndNoWeightForASampleWithout() {
        TaskSample segmentation = firstWithObjects(TaskCategory.SEGMENTATION, 2);
        TaskSample edges = GENERATOR.sample(TaskCategory.EDGES, Split.TRAIN, 3);
        boolean[] cells = ReferentCells.of(segmentation, CELL);
        PhaseFixtures.withStageTwoBatch(Recipe.tiny().withReferentLoss(1), List.of(edges, segmentation), batch -> {
            float[] labels = batch.heads().referent().labels().toFloatArray();
            float[] weights = batch.heads().referent().weights().toFloatArray();
            int tokens = cells.length;
            for (int t = 0; t < tokens; t++) {
                assertEquals(0f, weights[t], "the edge map's token " + t);
                assertEquals(cells[t] ? 1f : 0f, labels[tokens + t], "the segmentation's token " + t);
            }
            assertEquals(0.5, CellPixels.sum(Arrays.copyOfRange(weights, tokens, 2 * tokens)), 1e-6);
        });
    }

    @Test
    void theHeadIsRunStateOfStageTwoOnlyWhenTheRecipeWeighsIt() {
        assertEquals(Set.of(), extraStateNames(2, 0));
        assertEquals(Set.of(), extraStateNames(1, 1));
        assertEquals(Set.of("referent_head.weight", "referent_head.bias"), extraStateNames(2, 1));
    }

    @Test
    void aRecipeRecordedBeforeTheLossReadsWithoutItAndABranchAfterStageOneMayTakeIt() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withReferentLoss(0.5));
        recorded.remove("referentLoss");
        assertEquals(Recipe.tiny().withReferentLoss(0), RunFiles.JSON.treeToValue(recorded, Recipe.class));
        assertThrows(IllegalArgumentException.class, () -> Recipe.tiny().withReferentLoss(-1));
        Path stage1 = BranchFixtures.state(dir, 3, Recipe.tiny().withReferentLoss(0));
        RunBranches.branch(stage1, dir.resolve("run"), Recipe.tiny().withReferentLoss(0.5));
        assertEquals(0.5, RunFiles.readState(dir.resolve("run").resolve("state")).recipe().referentLoss());
    }

    @Test
    void aResumePointWithoutTheHeadLeavesItSeededAndOneWithItPutsItBack() throws Exception {
        Recipe recipe = Recipe.tiny().withReferentLoss(1);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7);
                NDManager scratch = model.manager().newSubManager()) {
            DiffusionPhase phase = new DiffusionPhase(model, PhaseFixtures.data(recipe), recipe, 2);
            NDArray weight = phase.extraState().get("referent_head.weight").getArray();
            float[] seeded = weight.toFloatArray();
            Files.createDirectories(dir.resolve("without"));
            assertFalse(RunCheckpoints.restoreExtra(dir.resolve("without"), phase, model.manager()));
            assertArrayEquals(seeded, weight.toFloatArray());
            Map<String, NDArray> saved = new LinkedHashMap<>();
            phase.extraState().forEach((name, p) -> saved.put(name, p.getArray().add(1f)));
            saved.values().forEach(a -> a.attach(scratch));
            Files.createDirectories(dir.resolve("with"));
            RunFiles.writeTensors(dir.resolve("with").resolve(RunFiles.EXTRA_FILE), saved);
            assertTrue(RunCheckpoints.restoreExtra(dir.resolve("with"), phase, model.manager()));
            float[] restored = weight.toFloatArray();
            for (int i = 0; i < seeded.length; i++) {
                assertEquals(seeded[i] + 1, restored[i], 1e-6);
            }
            phase.finish();
        }
    }

    private static Set<String> extraStateNames(int stage, double weight) {
        return PhaseFixtures.diffusionExtraState(Recipe.tiny().withContentLoss(0).withReferentLoss(weight), stage);
    }

    private static TaskSample firstWithObjects(TaskCategory category, int objects) {
        for (long seed = 0; ; seed++) {
            TaskSample s = GENERATOR.sample(category, Split.TRAIN, seed);
            if (s.inputScenes().get(0).objects().size() >= objects) {
                return s;
            }
        }
    }

    /** Every cell {@code object} covers with 8 pixels or more is marked, and no cell only other objects cover. */
    private static void assertMarksOnly(boolean[] marked, Scene scene, SceneObject object) {
        int[] own = visiblePixelsPerCell(scene, object);
        for (SceneObject other : scene.objects()) {
            int[] pixels = visiblePixelsPerCell(scene, other);
            for (int c = 0; c < marked.length; c++) {
                if (other == object && pixels[c] >= CELL) {
                    assertTrue(marked[c], "cell " + c + " of " + object + " is not marked");
                } else if (other != object && pixels[c] >= CELL && own[c] == 0) {
                    assertFalse(marked[c], "cell " + c + " of " + other + " only is marked");
                }
            }
        }
    }

    private static int[] visiblePixelsPerCell(Scene scene, SceneObject object) {
        return CellPixels.whitePixelsPerCell(MAPS.segmentation(scene, object));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
