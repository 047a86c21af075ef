package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.PerceptionMaps;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage 2's optional content loss: its labels, its cross-entropies, and what it adds to a run. */
class ContentLossTest {

    private static final int CELL = 8;
    private static final TaskGenerator GENERATOR = PhaseFixtures.generator();
    private static final PerceptionMaps MAPS = new PerceptionMaps(new RenderConfig(64));

    @Test
    void everyShapeNamesTheCellThatHoldsMostOfItAndTheBackgroundNamesNone() {
        TaskSample sample = firstWithObjects(TaskCategory.TWO_OBJECTS, 2);
        CellContents contents = CellContents.of(sample, CELL);
        assertNamesHomeCells(contents, sample.targetScene());
        // read against the picture itself: a cell that names a colour shows it, and a cell of pure background names
        // nothing
        int background = sample.targetScene().background().rgb();
        for (int c = 0; c < contents.tokens(); c++) {
            int named = contents.colours()[c];
            if (named == CellContents.NONE) {
                assertEquals(CellContents.NONE, contents.kinds()[c]);
                assertEquals(CellContents.NONE, contents.sizes()[c]);
            } else {
                assertTrue(pixelsOf(sample.targetImage(), c, ShapeColour.values()[named - 1].rgb()) > 0, "cell " + c);
            }
            if (pixelsOf(sample.targetImage(), c, background) == CELL * CELL) {
                assertEquals(CellContents.NONE, named, "background cell " + c);
            }
        }
    }

    @Test
    void aSmallShapeSplitOverFourCellsAndOneStackedInFrontOfALargerStillNameTheirHomeCells() {
        SceneObject split = new SceneObject(ShapeKind.DIAMOND, ShapeColour.RED, ShapeSize.SMALL, Cell.CENTER);
        SceneObject behind = new SceneObject(ShapeKind.SQUARE, ShapeColour.BLUE, ShapeSize.LARGE, Cell.TOP_LEFT);
        SceneObject front = new SceneObject(ShapeKind.CIRCLE, ShapeColour.YELLOW, ShapeSize.SMALL, Cell.TOP_LEFT);
        Scene scene = new Scene(Background.WHITE, List.of(split, behind, front));
        int[] splitPixels = CellPixels.whitePixelsPerCell(MAPS.segmentation(scene, split));
        assertTrue(Arrays.stream(splitPixels).allMatch(p -> 4 * p < CELL * CELL),
                "the small diamond has a quarter of no cell: " + Arrays.toString(splitPixels));
        CellContents contents = CellContents.of(scene, 64, CELL);
        assertNamesHomeCells(contents, scene);
        // the large square behind still names the cells where it shows most
        assertTrue(Arrays.stream(contents.kinds()).filter(k -> k == ShapeKind.SQUARE.ordinal() + 1).count() >= 4);
    }

    @Test
    void cellsAreRowMajorFromTheTopLeft() {
        SceneObject shape = new SceneObject(ShapeKind.TRIANGLE, ShapeColour.GREEN, ShapeSize.LARGE, Cell.TOP_RIGHT);
        CellContents contents = CellContents.of(new Scene(Background.GRAY, List.of(shape)), 64, CELL);
        int named = 0;
        for (int c = 0; c < contents.tokens(); c++) {
            if (contents.kinds()[c] != CellContents.NONE) {
                assertTrue(c / 8 <= 2 && c % 8 >= 5, "cell " + c + " lies outside the top-right ninth");
                named++;
            }
        }
        assertTrue(named >= 4, named + " cells named");
    }

    @Test
    void aReplacementNamesTheNewShapeWhereTheSourceHadTheOld() {
        TaskSample sample = GENERATOR.sample(TaskCategory.REPLACE, Split.TRAIN, 5);
        CellContents before = CellContents.of(sample.inputScenes().get(0), 64, CELL);
        CellContents after = CellContents.of(sample, CELL);
        SceneObject added = sample.targetScene().objects().stream()
                .filter(o -> !sample.inputScenes().get(0).objects().contains(o)).findFirst().orElseThrow();
        int changed = 0;
        for (int c = 0; c < after.tokens(); c++) {
            if (after.kinds()[c] != before.kinds()[c] && after.kinds()[c] != CellContents.NONE) {
                assertEquals(added.kind().ordinal() + 1, after.kinds()[c], "cell " + c);
                changed++;
            }
        }
        assertTrue(changed > 0, "no cell names " + added);
    }

    @Test
    void onlyScenesWithTheirPromptHaveContents() {
        TrainingData data = PhaseFixtures.data(Recipe.tiny().withContentLoss(1));
        TaskSample reconstruction = GENERATOR.sample(TaskCategory.RECONSTRUCTION, Split.TRAIN, 2);
        assertArrayEquals(CellContents.of(reconstruction.inputScenes().get(0), 64, CELL).kinds(),
                data.ditExample(reconstruction, false).contents().kinds());
        assertNull(data.ditExample(reconstruction, true).contents(), "a dropped prompt");
        for (TaskCategory map : List.of(TaskCategory.EDGES, TaskCategory.DEPTH, TaskCategory.SEGMENTATION)) {
            assertNull(data.ditExample(GENERATOR.sample(map, Split.TRAIN, 2), false).contents(), map.label());
        }
        TaskSample removal = GENERATOR.sample(TaskCategory.REMOVE, Split.TRAIN, 2);
        assertArrayEquals(CellContents.of(removal.targetScene(), 64, CELL).sizes(),
                data.ditExample(removal, false).contents().sizes(), "an edit's target");
        assertNull(PhaseFixtures.data(Recipe.tiny().withContentLoss(0)).ditExample(removal, false).contents(),
                "no loss, no labels");
    }

    @Test
    void targetsAreOneHotPerGroupAndWeighTheShapesCellsAsAnEditRegion() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CellContents one = new CellContents(new int[] {0, 2, 0, 0}, new int[] {0, 3, 0, 0}, new int[] {0, 1, 0, 0});
            ContentHead.Targets t = ContentHead.targets(manager, Arrays.asList(one, null), 4);
            assertEquals(new Shape(2, 4, ContentHead.CLASSES), t.labels().getShape());
            float[] labels = t.labels().toFloatArray();
            int k = CellContents.KIND_CLASSES;
            int kc = k + CellContents.COLOUR_CLASSES;
            float[] shapeCell = Arrays.copyOfRange(labels, ContentHead.CLASSES, 2 * ContentHead.CLASSES);
            float[] expected = new float[ContentHead.CLASSES];
            expected[2] = 1;
            expected[k + 3] = 1;
            expected[kc + 1] = 1;
            assertArrayEquals(expected, shapeCell);
            float[] emptyCell = Arrays.copyOfRange(labels, 0, ContentHead.CLASSES);
            Arrays.fill(expected, 0);
            expected[0] = 1;
            expected[k] = 1;
            expected[kc] = 1;
            assertArrayEquals(expected, emptyCell);
            assertEquals(0, CellPixels.sum(Arrays.copyOfRange(labels, 4 * ContentHead.CLASSES, labels.length)));
            // the shape's cell log2(4 / 1) + 1 = 3, the others 1: sum 6, over a batch of 2
            assertArrayEquals(new float[] {1 / 12f, 3 / 12f, 1 / 12f, 1 / 12f, 0, 0, 0, 0},
                    t.weights().toFloatArray(), 1e-7f);
            var refused = assertThrows(IllegalArgumentException.class,
                    () -> ContentHead.targets(manager, List.of(one), 5));
            assertTrue(refused.getMessage().contains("sample 0 has 4 cells for 5"), refused.getMessage());
        }
    }

    @Test
    void theLossIsTheWeightedSumOfThreeSoftmaxCrossEntropies() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ContentHead head = new ContentHead(manager, 4, 3);
            NDArray tokens = manager.randomNormal(new Shape(1, 2, 4)).mul(3f); // [B=1, N=2, D=4]
            CellContents contents = new CellContents(new int[] {1, 0}, new int[] {6, 0}, new int[] {3, 0});
            ContentHead.Targets t = ContentHead.targets(manager, List.of(contents), 2);
            ParameterStore store = new ParameterStore(manager, false);
            float[] logits = head.logits(store, tokens, false).toFloatArray();
            int n = ContentHead.CLASSES;
            int k = CellContents.KIND_CLASSES;
            int kc = k + CellContents.COLOUR_CLASSES;
            double shapeCell = crossEntropy(logits, 0, k, 1) + crossEntropy(logits, k, kc, k + 6)
                    + crossEntropy(logits, kc, n, kc + 3);
            double emptyCell = crossEntropy(logits, n, n + k, n) + crossEntropy(logits, n + k, n + kc, n + k)
                    + crossEntropy(logits, n + kc, 2 * n, n + kc);
            // one shape cell of two: weights log2(2) + 1 = 2 and 1, so 2/3 and 1/3
            try {
                assertEquals(2.0 / 3 * shapeCell + 1.0 / 3 * emptyCell, head.loss(store, tokens, t, false).getFloat(),
                        1e-5);
            } finally {
                head.close();
            }
        }
    }

    @Test
    void theTermAddsItsWeightTimesAPositiveLossToStageTwoOnly() {
        PhaseFixtures.assertStageTwoTermIsLinear(weight -> Recipe.tiny().withBatches(4, 4, 4).withContentLoss(weight));
    }

    @Test
    void aStageTwoBatchCarriesEachSamplesContentsInOrderAndNoWeightForASampleWithout() {
        TaskSample generation = firstWithObjects(TaskCategory.TWO_OBJECTS, 2);
        TaskSample edges = GENERATOR.sample(TaskCategory.EDGES, Split.TRAIN, 3);
        CellContents contents = CellContents.of(generation, CELL);
        PhaseFixtures.withStageTwoBatch(Recipe.tiny().withContentLoss(1), List.of(edges, generation), batch -> {
            float[] labels = batch.heads().content().labels().toFloatArray();
            float[] weights = batch.heads().content().weights().toFloatArray();
            int tokens = contents.tokens();
            for (int t = 0; t < tokens; t++) {
                assertEquals(0f, weights[t], "the edge map's token " + t);
                assertEquals(1f, labels[(tokens + t) * ContentHead.CLASSES + contents.kinds()[t]],
                        "the generation's token " + t);
            }
            assertEquals(0.5, CellPixels.sum(Arrays.copyOfRange(weights, tokens, 2 * tokens)), 1e-6);
        });
    }

    @Test
    void theHeadIsRunStateOfStageTwoOnlyWhenTheRecipeWeighsIt() {
        assertEquals(Set.of("referent_head.weight", "referent_head.bias"), extraStateNames(2, 0));
        assertEquals(Set.of(), extraStateNames(1, 1));
        assertEquals(Set.of("referent_head.weight", "referent_head.bias", "content_head.weight", "content_head.bias"),
                extraStateNames(2, 1));
        assertEquals(Set.of("content_head.weight", "content_head.bias"),
                PhaseFixtures.diffusionExtraState(Recipe.tiny().withReferentLoss(0).withContentLoss(1), 2));
    }

    @Test
    void aResumePointWithTheReferentHeadOnlyPutsItBackAndLeavesTheContentHeadSeeded(@TempDir Path dir)
            throws Exception {
        Recipe recipe = Recipe.tiny().withContentLoss(1);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7);
                NDManager scratch = model.manager().newSubManager()) {
            DiffusionPhase phase = new DiffusionPhase(model, PhaseFixtures.data(recipe), recipe, 2);
            NDArray content = phase.extraState().get("content_head.weight").getArray();
            NDArray referent = phase.extraState().get("referent_head.weight").getArray();
            float[] contentSeeded = content.toFloatArray();
            float[] referentSeeded = referent.toFloatArray();
            Map<String, NDArray> saved = new LinkedHashMap<>();
            phase.extraState().forEach((name, p) -> {
                if (name.startsWith(ReferentHead.PREFIX)) {
                    saved.put(name, p.getArray().add(1f));
                }
            });
            saved.values().forEach(a -> a.attach(scratch));
            RunFiles.writeTensors(dir.resolve(RunFiles.EXTRA_FILE), saved);
            assertFalse(RunCheckpoints.restoreExtra(dir, phase, model.manager()), "not all of the run state");
            assertArrayEquals(contentSeeded, content.toFloatArray());
            float[] restored = referent.toFloatArray();
            for (int i = 0; i < restored.length; i++) {
                assertEquals(referentSeeded[i] + 1, restored[i], 1e-6);
            }
            phase.finish();
        }
    }

    @Test
    void aRecipeRecordedBeforeTheLossReadsWithout() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withContentLoss(0.5));
        recorded.remove("contentLoss");
        assertEquals(Recipe.tiny().withContentLoss(0), RunFiles.JSON.treeToValue(recorded, Recipe.class));
        assertNotEquals(Recipe.tiny(), Recipe.tiny().withContentLoss(0.5));
        var refused = assertThrows(IllegalArgumentException.class, () -> Recipe.tiny().withContentLoss(-1));
        assertTrue(refused.getMessage().contains("contentLoss"), refused.getMessage());
    }

    private static Set<String> extraStateNames(int stage, double weight) {
        return PhaseFixtures.diffusionExtraState(Recipe.tiny().withContentLoss(weight), stage);
    }

    /** -log softmax(logits[from..to))[label], label an index into the whole row. */
    private static double crossEntropy(float[] logits, int from, int to, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(logits[i] - max);
        }
        return -(logits[label] - max - Math.log(sum));
    }

    private static TaskSample firstWithObjects(TaskCategory category, int objects) {
        for (long seed = 0; ; seed++) {
            TaskSample s = GENERATOR.sample(category, Split.TRAIN, seed);
            if (s.targetScene().objects().size() >= objects) {
                return s;
            }
        }
    }

    /** Each shape's kind, colour and size at the cell its own segmentation map fills most, drawn independently. */
    private static void assertNamesHomeCells(CellContents contents, Scene scene) {
        for (SceneObject shape : scene.objects()) {
            int[] own = CellPixels.whitePixelsPerCell(MAPS.segmentation(scene, shape));
            int home = 0;
            for (int c = 1; c < own.length; c++) {
                home = own[c] > own[home] ? c : home;
            }
            assertEquals(shape.kind().ordinal() + 1, contents.kinds()[home], shape + " at its home cell " + home);
            assertEquals(shape.colour().ordinal() + 1, contents.colours()[home], shape + " at cell " + home);
            assertEquals(shape.size().ordinal() + 1, contents.sizes()[home], shape + " at cell " + home);
        }
    }

    /** Pixels of the 8x8 cell {@code c} that are exactly {@code rgb}. */
    private static int pixelsOf(BufferedImage image, int c, int rgb) {
        int grid = image.getWidth() / CELL;
        int n = 0;
        for (int y = (c / grid) * CELL; y < (c / grid + 1) * CELL; y++) {
            for (int x = (c % grid) * CELL; x < (c % grid + 1) * CELL; x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
