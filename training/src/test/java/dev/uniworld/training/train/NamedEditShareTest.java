package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage 2's edit operations with {@code namedEditShare}: more of those that name what to draw. */
class NamedEditShareTest {

    private static final int DRAWS = 9000;

    /** The recipe with every edit operation drawn alike, whatever share the shipped recipe sets. */
    private static final Recipe UNIFORM = Recipe.tiny().withNamedEditShare(0);

    @TempDir
    Path dir;

    @Test
    void theShareDrawsNamedEditsOnTopOfTheUniformDraw() {
        // uniform: 6 of 9 operations name what to draw; with 0.7: 0.7 + 0.3 x 6/9 = 0.9 (sd about 0.5 points)
        assertEquals(2 / 3.0, namedShare(UNIFORM), 0.02);
        assertEquals(0.9, namedShare(Recipe.tiny().withNamedEditShare(0.7)), 0.02);
        assertEquals(1.0, namedShare(Recipe.tiny().withNamedEditShare(1)));
        // the other families keep their own categories
        TrainingData data = PhaseFixtures.data(Recipe.tiny().withNamedEditShare(1));
        Random rng = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertEquals(TaskFamily.GENERATION, data.ditCategory(TaskFamily.GENERATION, rng).family());
        }
    }

    @Test
    void withoutTheShareTheDrawsAreTheUniformOnesOfEarlierRecipes() {
        TrainingData data = PhaseFixtures.data(UNIFORM);
        List<TaskCategory> edits = TaskFamily.EDITING.categories();
        Random drawn = new Random(7);
        Random uniform = new Random(7);
        for (int i = 0; i < 200; i++) {
            // the same random stream, so a shipped recipe's batches do not move
            assertEquals(edits.get(uniform.nextInt(edits.size())), data.ditCategory(TaskFamily.EDITING, drawn));
        }
    }

    @Test
    void withoutTheShareBothStagesDrawTheBatchesOfEarlierRecipes() {
        TrainingData data = PhaseFixtures.data(UNIFORM);
        TaskGenerator generator = PhaseFixtures.generator();
        for (int stage = 1; stage <= 2; stage++) {
            for (int step = 0; step < 3; step++) {
                List<TrainingData.DitExample> expected = earlierBatch(data, generator, stage, step);
                List<TrainingData.DitExample> drawn = data.ditBatch(stage, step);
                assertEquals(expected.size(), drawn.size(), "stage " + stage);
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i).promptIds(), drawn.get(i).promptIds(), "stage " + stage);
                    assertArrayEquals(expected.get(i).target(), drawn.get(i).target(), "stage " + stage);
                }
            }
        }
    }

    @Test
    void aRecordedRecipeWithoutTheFieldReadsAsNoShareAndABranchAfterStage1MayChangeIt() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(UNIFORM.withNamedEditShare(0.7));
        recorded.remove("namedEditShare");
        assertEquals(UNIFORM, RunFiles.JSON.treeToValue(recorded, Recipe.class));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Recipe.tiny().withNamedEditShare(1.5));
        assertTrue(refused.getMessage().contains("namedEditShare"), refused.getMessage());
        // stage 2 alone reads the share, so a branch from stage 1's end may set it
        Path afterStage1 = BranchFixtures.state(dir, UNIFORM.phaseIndex("stage2"), UNIFORM);
        RunBranches.branch(afterStage1, dir.resolve("run"), UNIFORM.withNamedEditShare(0.7));
        assertEquals(0.7, RunFiles.readState(dir.resolve("run").resolve("state")).recipe().namedEditShare());
    }

    /**
     * A diffusion batch as recipes before the share drew it: the family (stage 2), the prompt dropout, then a category
     * uniform over the family's, from the stream the batch's (seed, stage, step) seeds.
     */
    private static List<TrainingData.DitExample> earlierBatch(TrainingData data, TaskGenerator generator, int stage,
            int step) {
        Random rng = new Random(UNIFORM.seed() * 1_000_003L + (10 + stage) * 7_919L * 1_000_000L + step);
        List<TrainingData.DitExample> out = new ArrayList<>();
        for (int i = 0; i < UNIFORM.ditBatch(); i++) {
            long index = 4_000_000_000L * stage + (long) step * UNIFORM.ditBatch() + i;
            TaskFamily family = TaskFamily.GENERATION;
            if (stage == 2) {
                double pick = rng.nextDouble();
                family = pick < UNIFORM.editShare() ? TaskFamily.EDITING
                        : pick < UNIFORM.editShare() + UNIFORM.perceptionShare() ? TaskFamily.PERCEPTION
                        : TaskFamily.GENERATION;
            }
            boolean dropPrompt = rng.nextDouble() < UNIFORM.cfgDropout();
            List<TaskCategory> categories = family.categories();
            TaskCategory category = categories.get(rng.nextInt(categories.size()));
            out.add(data.ditExample(generator.sample(category, Split.TRAIN, index), dropPrompt));
        }
        return out;
    }

    /** The share of named edits among {@link #DRAWS} editing categories that {@code recipe} draws. */
    private static double namedShare(Recipe recipe) {
        TrainingData data = PhaseFixtures.data(recipe);
        Random rng = new Random(3);
        int named = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (TrainingData.NAMED_EDITS.contains(data.ditCategory(TaskFamily.EDITING, rng))) {
                named++;
            }
        }
        return named / (double) DRAWS;
    }
}
