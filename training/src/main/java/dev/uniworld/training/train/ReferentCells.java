package dev.uniworld.training.train;

import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskSample;

/**
 * The labels of the referent loss ({@link Recipe#referentLoss}): the cells of the DiT's token grid that a diffusion
 * sample's prompt acts on, found with {@link EditRegionMask}'s pipeline. An edit acts where it changes its source; a
 * segmentation map marks the named object on black; a text-to-image target places its objects on a plain
 * background. Edge, depth and reconstruction maps draw the whole scene whatever the words, so they name no cells and
 * get no label.
 *
 * <p>The shipped checkpoint masks the wrong object in many segmentations and removes other shapes with the named one
 * (training/TRAINING.md, "What is left"): its image tokens do not learn which object the words name. The labels ask
 * them that directly, at every noise level, where the velocity loss asks it only through the pixels drawn.
 */
final class ReferentCells {

    /** The black a segmentation map is drawn on. */
    private static final int MAP_BACKGROUND = 0x000000;

    private ReferentCells() {
    }

    /**
     * @param gridCell pixels per token side (the DiT patch size times the latent downsampling)
     * @return [gridH * gridW] row-major, true on the cells the prompt acts on; null where the task names none
     */
    static boolean[] of(TaskSample sample, int gridCell) {
        if (sample.family() == TaskFamily.EDITING) {
            return EditRegionMask.tokenMask(sample.inputImages().get(0), sample.targetImage(), gridCell);
        }
        if (sample.category() == TaskCategory.SEGMENTATION) {
            return EditRegionMask.objectMask(sample.targetImage(), MAP_BACKGROUND, gridCell);
        }
        if (sample.family() == TaskFamily.GENERATION) {
            return EditRegionMask.objectMask(sample.targetImage(), sample.targetScene().background().rgb(), gridCell);
        }
        return null;
    }
}
