package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import java.nio.file.Path;
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
        assertEquals(2 / 3.0, namedShare(UNIFORM, TaskFamily.EDITING), 0.02);
        assertEquals(0.9, namedShare(Recipe.tiny().withNamedEditShare(0.7), TaskFamily.EDITING), 0.02);
        assertEquals(1.0, namedShare(Recipe.tiny().withNamedEditShare(1), TaskFamily.EDITING));
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
    }

    private static double namedShare(Recipe recipe, TaskFamily family) {
        TrainingData data = PhaseFixtures.data(recipe);
        Random rng = new Random(3);
        int named = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (TrainingData.NAMED_EDITS.contains(data.ditCategory(family, rng))) {
                named++;
            }
        }
        return named / (double) DRAWS;
    }
}
