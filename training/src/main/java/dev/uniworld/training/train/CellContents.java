package dev.uniworld.training.train;

import dev.uniworld.training.shapes.LabelMap;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import dev.uniworld.training.tasks.TaskSample;

/**
 * The labels of the content loss ({@link Recipe#contentLoss}): what the target image holds in each cell of the DiT's
 * token grid, as three classes: the kind, colour and size of the shape that covers most of the cell, or {@link #NONE}
 * for all three where no shape covers a quarter of it. Only samples whose target is a scene have them: text to image,
 * edits and reconstructions; segmentation, edge and depth maps draw something else than the shapes.
 *
 * <p>The referent loss taught the DiT's image tokens where the words act; what they still miss is what to draw there
 * (training/TRAINING.md, "What is left"): an edit that replaces or resizes fills the named cell with a shape of the
 * wrong kind or size, and the shapes an edit keeps come back with another kind or size more often than another colour.
 * These labels ask the tokens for the kind, colour and size directly, at every noise level.
 *
 * @param kinds   [N] per token, row-major: {@link #NONE} or 1 + the shape's {@link ShapeKind} ordinal
 * @param colours [N] likewise, 1 + its {@link ShapeColour} ordinal
 * @param sizes   [N] likewise, 1 + its {@link ShapeSize} ordinal
 */
record CellContents(int[] kinds, int[] colours, int[] sizes) {

    /** The class of a cell without a shape. */
    static final int NONE = 0;
    static final int KIND_CLASSES = ShapeKind.values().length + 1;
    static final int COLOUR_CLASSES = ShapeColour.values().length + 1;
    static final int SIZE_CLASSES = ShapeSize.values().length + 1;

    CellContents {
        if (kinds.length != colours.length || kinds.length != sizes.length) {
            throw new IllegalArgumentException("kinds, colours and sizes must have one entry per token, had "
                    + kinds.length + ", " + colours.length + " and " + sizes.length);
        }
    }

    /**
     * @param gridCell pixels per token side (the DiT patch size times the latent downsampling)
     * @return the target scene's contents, or null where the target is not a scene
     */
    static CellContents of(TaskSample sample, int gridCell) {
        Scene scene = sample.targetScene();
        return scene == null ? null : of(scene, sample.targetImage().getWidth(), gridCell);
    }

    /** The contents of {@code scene} drawn at {@code resolution} pixels a side. */
    static CellContents of(Scene scene, int resolution, int gridCell) {
        if (resolution % gridCell != 0) {
            throw new IllegalArgumentException("a " + resolution + "-pixel image has no whole " + gridCell
                    + "-pixel cells");
        }
        LabelMap labels = LabelMap.of(scene, resolution);
        int grid = resolution / gridCell;
        int objects = scene.objects().size();
        int[] kinds = new int[grid * grid];
        int[] colours = new int[grid * grid];
        int[] sizes = new int[grid * grid];
        for (int cell = 0; cell < grid * grid; cell++) {
            int[] pixels = new int[objects];
            int x0 = (cell % grid) * gridCell;
            int y0 = (cell / grid) * gridCell;
            for (int y = y0; y < y0 + gridCell; y++) {
                for (int x = x0; x < x0 + gridCell; x++) {
                    int owner = labels.at(x, y);
                    if (owner != LabelMap.BACKGROUND) {
                        pixels[owner]++;
                    }
                }
            }
            int most = -1;
            for (int o = 0; o < objects; o++) {
                most = pixels[o] > 0 && (most < 0 || pixels[o] > pixels[most]) ? o : most;
            }
            // a shape that only grazes the cell does not name it: the token mostly shows the background
            if (most >= 0 && 4 * pixels[most] >= gridCell * gridCell) {
                SceneObject shape = scene.objects().get(most);
                kinds[cell] = shape.kind().ordinal() + 1;
                colours[cell] = shape.colour().ordinal() + 1;
                sizes[cell] = shape.size().ordinal() + 1;
            }
        }
        return new CellContents(kinds, colours, sizes);
    }

    int tokens() {
        return kinds.length;
    }

    /** @return [N] true on the cells a shape holds */
    boolean[] occupied() {
        boolean[] out = new boolean[kinds.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = kinds[t] != NONE;
        }
        return out;
    }
}
