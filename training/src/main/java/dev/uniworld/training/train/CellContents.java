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
 * token grid, as three classes: the kind, colour and size of the shape there ({@link #of(Scene, int, int)} says which),
 * or {@link #NONE} for all three. Only samples whose target is a scene have them: text to image, edits and
 * reconstructions; segmentation, edge and depth maps draw something else than the shapes.
 *
 * <p>The referent loss taught the DiT's image tokens where the words act; what they still miss is what to draw there
 * (training/TRAINING.md, "What is left"): an edit that replaces or resizes fills the named cell with a shape of the
 * wrong kind or size, and on the validation split the shapes an edit keeps come back with another kind or size far
 * more often than with another colour (a probe in training/TRAINING.md, "What is left").
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

    /**
     * The contents of {@code scene} drawn at {@code resolution} pixels a side. A cell names the shape with the most
     * visible pixels in it where that is a quarter of the cell or more. The 3x3 scene grid does not line up with the
     * 8-pixel token cells, so a small shape in the middle row or column is split over up to four cells with fewer than
     * a quarter in each, and a small shape stacked in front of a large one has fewer pixels than the large one's rest:
     * every visible shape therefore also names its home cell, the one that holds the most of it, over whatever the
     * first rule put there.
     */
    static CellContents of(Scene scene, int resolution, int gridCell) {
        if (resolution % gridCell != 0) {
            throw new IllegalArgumentException("a " + resolution + "-pixel image has no whole " + gridCell
                    + "-pixel cells");
        }
        int grid = resolution / gridCell;
        int[][] pixels = visiblePixels(scene, resolution, gridCell); // [cells][objects]
        int[] owner = new int[grid * grid];
        for (int cell = 0; cell < owner.length; cell++) {
            int most = largest(pixels[cell]);
            owner[cell] = most >= 0 && 4 * pixels[cell][most] >= gridCell * gridCell ? most : -1;
        }
        for (int object = 0; object < scene.objects().size(); object++) {
            int home = -1;
            for (int cell = 0; cell < owner.length; cell++) {
                home = pixels[cell][object] > 0 && (home < 0 || pixels[cell][object] > pixels[home][object])
                        ? cell : home;
            }
            if (home >= 0) {
                owner[home] = object;
            }
        }
        int[] kinds = new int[owner.length];
        int[] colours = new int[owner.length];
        int[] sizes = new int[owner.length];
        for (int cell = 0; cell < owner.length; cell++) {
            if (owner[cell] >= 0) {
                SceneObject shape = scene.objects().get(owner[cell]);
                kinds[cell] = shape.kind().ordinal() + 1;
                colours[cell] = shape.colour().ordinal() + 1;
                sizes[cell] = shape.size().ordinal() + 1;
            }
        }
        return new CellContents(kinds, colours, sizes);
    }

    /** @return per token cell (row-major), each object's visible pixels there */
    private static int[][] visiblePixels(Scene scene, int resolution, int gridCell) {
        LabelMap labels = LabelMap.of(scene, resolution);
        int grid = resolution / gridCell;
        int[][] out = new int[grid * grid][scene.objects().size()];
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                int object = labels.at(x, y);
                if (object != LabelMap.BACKGROUND) {
                    out[(y / gridCell) * grid + x / gridCell][object]++;
                }
            }
        }
        return out;
    }

    /** @return the index of the largest positive count, -1 where all are 0 */
    private static int largest(int[] counts) {
        int most = -1;
        for (int i = 0; i < counts.length; i++) {
            most = counts[i] > 0 && (most < 0 || counts[i] > counts[most]) ? i : most;
        }
        return most;
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
