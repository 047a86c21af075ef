package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text-to-image samples weigh their objects' cells as edits weigh their region, with the plain background as the
 * source; edits keep their own weighting, and the option is part of what a branch after stage 1 must agree on.
 */
class ObjectWeightingTest {

    private static final int SIDE = 64;
    private static final int CELL = 8;
    private static final TaskGenerator GENERATOR = new TaskGenerator(new TaskConfig(new RenderConfig(SIDE), Set.of()));

    @TempDir
    Path dir;

    @Test
    void aTextToImageSampleWeighsItsObjectsOnlyWhenTheRecipeSaysSo() {
        TaskSample sample = GENERATOR.sample(TaskCategory.SINGLE_OBJECT, Split.TRAIN, 11);
        assertTrue(sample.inputImages().isEmpty());
        float[] on = data(Recipe.tiny().withObjectWeighting(true)).ditExample(sample, false).weights();
        assertNull(data(Recipe.tiny().withObjectWeighting(false)).ditExample(sample, false).weights());
        // the cells where the target clearly leaves its background weigh more than 1, and some cells weigh 1
        int background = sample.targetScene().background().rgb();
        int objectPixels = 0;
        int unweighted = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float weight = on[y * SIDE + x];
                unweighted += weight == 1f ? 1 : 0;
                if (channelDistance(sample.targetImage().getRGB(x, y), background) > 100) {
                    objectPixels++;
                    assertTrue(weight > 1, "object pixel (" + x + ", " + y + ") weighs " + weight);
                }
            }
        }
        assertTrue(objectPixels > 0 && unweighted > 0, objectPixels + " object pixels, " + unweighted + " at 1");
    }

    @Test
    void editsKeepTheirOwnWeighting() {
        TaskSample edit = GENERATOR.sample(TaskCategory.ADJUST_COLOUR, Split.TRAIN, 12);
        float[] expected = EditRegionMask.pixelWeights(edit.inputImages().get(0), edit.targetImage(), CELL);
        assertArrayEquals(expected, data(Recipe.tiny().withObjectWeighting(true)).ditExample(edit, false).weights());
        assertArrayEquals(expected, data(Recipe.tiny().withObjectWeighting(false)).ditExample(edit, false).weights());
    }

    @Test
    void recipesRecordedBeforeTheOptionReadAsUnweighted() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withObjectWeighting(true));
        assertTrue(recorded.remove("objectWeighting").asBoolean());
        assertFalse(RunFiles.JSON.treeToValue(recorded, Recipe.class).objectWeighting());
    }

    @Test
    void aBranchAfterStageOneMustAgreeOnObjectWeighting() throws Exception {
        Recipe weighted = Recipe.tiny().withObjectWeighting(true);
        Recipe unweighted = weighted.withObjectWeighting(false);
        Path stage1 = BranchFixtures.state(dir, 3, unweighted);
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(stage1, dir.resolve("refused"), weighted));
        assertTrue(refused.getMessage().startsWith("cannot branch"), refused.getMessage());
        RunBranches.branch(stage1, dir.resolve("run"), unweighted);
    }

    private static TrainingData data(Recipe recipe) {
        return new TrainingData(GENERATOR, ShapesTokenizer.create(), recipe);
    }

    private static int channelDistance(int a, int b) {
        int sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            sum += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
        }
        return sum;
    }
}
