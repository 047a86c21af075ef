package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.shapes.Background;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Known source/target pairs give known masks and weights. */
class EditRegionMaskTest {

    private static final int SIDE = 64;
    private static final int CELL = 8;

    @Test
    void unchangedImageWeighsOneEverywhere() {
        BufferedImage a = filled(Color.WHITE);
        float[] w = EditRegionMask.pixelWeights(a, filled(Color.WHITE), CELL);
        for (float v : w) {
            assertEquals(1f, v);
        }
    }

    @Test
    void wholeImageEditWeighsOneEverywhere() {
        // a background change touches every pixel: x = total / edited = 1, log2(1) + 1 = 1
        boolean[] grid = EditRegionMask.tokenMask(filled(Color.WHITE), filled(Color.BLACK), CELL);
        for (boolean cell : grid) {
            assertTrue(cell);
        }
        for (float v : EditRegionMask.pixelWeights(filled(Color.WHITE), filled(Color.BLACK), CELL)) {
            assertEquals(1f, v, 1e-6);
        }
    }

    @Test
    void oneCellEditWeighsLog2OfSixtyFourPlusOne() {
        BufferedImage source = filled(Color.WHITE);
        BufferedImage target = filled(Color.WHITE);
        paint(target, Color.RED, 16, 16, 8); // exactly token cell (row 2, column 2)
        boolean[] grid = EditRegionMask.tokenMask(source, target, CELL);
        boolean[] expected = new boolean[64];
        expected[2 * 8 + 2] = true;
        assertArrayEquals(expected, grid);
        float[] w = EditRegionMask.pixelWeights(source, target, CELL);
        assertEquals(7f, w[20 * SIDE + 20], 1e-5); // log2(64 / 1) + 1
        assertEquals(1f, w[0]);
        assertEquals(1f, w[20 * SIDE + 24]);
    }

    @Test
    void oneObjectCellOnAPlainBackgroundWeighsLog2OfSixtyFourPlusOne() {
        Color grey = new Color(Background.GRAY.rgb());
        BufferedImage target = filled(grey);
        paint(target, Color.RED, 16, 16, 8); // exactly token cell (row 2, column 2)
        float[] w = EditRegionMask.objectWeights(target, Background.GRAY.rgb(), CELL);
        assertEquals(7f, w[20 * SIDE + 20], 1e-5); // log2(64 / 1) + 1
        assertEquals(1f, w[0]);
        assertEquals(1f, w[20 * SIDE + 24]);
        // the same as an edit from the plain background to the target
        assertArrayEquals(EditRegionMask.pixelWeights(filled(grey), target, CELL), w);
    }

    @Test
    void smallComponentsBelowThirtyPercentOfTheForegroundAreDropped() {
        BufferedImage source = filled(Color.WHITE);
        BufferedImage target = filled(Color.WHITE);
        paint(target, Color.BLUE, 0, 0, 16); // 256 pixels: cells (0..1, 0..1)
        paint(target, Color.BLUE, 50, 50, 2); // a 4-pixel speck far away: 4 < 0.3 * 260
        boolean[] grid = EditRegionMask.tokenMask(source, target, CELL);
        int edited = 0;
        for (boolean cell : grid) {
            edited += cell ? 1 : 0;
        }
        assertEquals(4, edited);
        assertTrue(grid[0] && grid[1] && grid[8] && grid[9]);
        assertFalse(grid[6 * 8 + 6]);
        assertEquals(5f, EditRegionMask.weights(grid)[0], 1e-5); // log2(64 / 4) + 1
    }

    @Test
    void twoComparableEditsAreBothKept() {
        BufferedImage source = filled(Color.WHITE);
        BufferedImage target = filled(Color.WHITE);
        paint(target, Color.GREEN, 0, 0, 8);
        paint(target, Color.GREEN, 48, 48, 8); // each holds half of the foreground
        boolean[] grid = EditRegionMask.tokenMask(source, target, CELL);
        assertTrue(grid[0]);
        assertTrue(grid[6 * 8 + 6]);
    }

    @Test
    void greyDifferenceThresholdIsEighteenInclusive() {
        // grey of the difference = round(0.587 * dg): dg 31 -> 18 (edited), dg 29 -> 17 (not)
        assertTrue(EditRegionMask.threshold(filled(new Color(0, 0, 0)), filled(new Color(0, 31, 0)))[0]);
        assertFalse(EditRegionMask.threshold(filled(new Color(0, 0, 0)), filled(new Color(0, 29, 0)))[0]);
    }

    @Test
    void closingBridgesAOnePixelCut() {
        boolean[] mask = new boolean[10 * 10];
        for (int y = 3; y <= 5; y++) {
            for (int x = 0; x < 10; x++) {
                mask[y * 10 + x] = x != 5; // a bar three pixels thick, cut at x = 5
            }
        }
        boolean[] closed = EditRegionMask.close(mask, 10, 10);
        assertTrue(closed[4 * 10 + 5]);
        assertFalse(closed[0]);
    }

    private static BufferedImage filled(Color colour) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        paint(image, colour, 0, 0, SIDE);
        return image;
    }

    private static void paint(BufferedImage image, Color colour, int x, int y, int size) {
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(x, y, size, size);
        g.dispose();
    }
}
