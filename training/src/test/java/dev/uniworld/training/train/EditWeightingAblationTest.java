package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditWeightingAblationTest {

    @Test
    void probeHoldsOnlySmallLocalValidationEdits() {
        Recipe recipe = Recipe.tiny();
        int cell = recipe.model().dit().patchSize() * recipe.model().latent().downsample();
        List<TaskSample> probe = EditWeightingAblation.smallRegionEdits(recipe, 24);
        assertEquals(24, probe.size());
        for (TaskSample s : probe) {
            assertEquals(Split.VALIDATION, s.split(), s.id());
            assertEquals(TaskFamily.EDITING, s.family(), s.id());
            boolean[] mask = EditRegionMask.tokenMask(s.inputImages().get(0), s.targetImage(), cell);
            int edited = EditRegionMask.count(mask);
            assertTrue(edited > 0 && edited <= EditWeightingAblation.SMALL_REGION * mask.length,
                    s.id() + " changes " + edited + " of " + mask.length + " cells");
        }
        // Every local operation is drawn (round robin), not only those whose edits tend to be small.
        assertEquals(6, probe.stream().map(TaskSample::category).distinct().count());
        // The same count draws the same edits, so two arms scored apart still see one probe.
        assertEquals(probe.stream().map(TaskSample::id).toList(),
                EditWeightingAblation.smallRegionEdits(recipe, 24).stream().map(TaskSample::id).toList());
    }
}
