package dev.uniworld.training.train;

import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskSample;

/**
 * The labels of the referent loss ({@link Recipe#referentLoss}): the cells of the DiT's token grid that a diffusion
 * sample's prompt acts on. An edit acts where it changes its source (the reference's edit region, {@link
 * EditRegionMask#tokenMask}); an extraction names the object it keeps; a segmentation map marks the named object on
 * black; a text-to-image prompt names every object it draws on the plain background. The last three mark every cell
 * the object touches, without the edit region's filter, which drops any object under 0.3 of the foreground and would
 * make the smaller of several named objects a negative. A background change names no object, and edge, depth and
 * reconstruction maps draw the whole scene whatever the words: they get no label.
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
        return switch (sample.category()) {
            case BACKGROUND, EDGES, DEPTH, RECONSTRUCTION -> null;
            case SEGMENTATION -> EditRegionMask.cellsOffBackground(sample.targetImage(), MAP_BACKGROUND, gridCell);
            case EXTRACT -> objects(sample, gridCell);
            default -> switch (sample.family()) {
                case EDITING -> EditRegionMask.tokenMask(sample.inputImages().get(0), sample.targetImage(), gridCell);
                case GENERATION -> objects(sample, gridCell);
                default -> null;
            };
        };
    }

    /** Every object of the target, on its scene's plain background. */
    private static boolean[] objects(TaskSample sample, int gridCell) {
        return EditRegionMask.cellsOffBackground(sample.targetImage(), sample.targetScene().background().rgb(),
                gridCell);
    }
}
