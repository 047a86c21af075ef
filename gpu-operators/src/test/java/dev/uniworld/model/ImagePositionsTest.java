package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.dit.ImagePositions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fixed code of each image token's place: rows and columns each in their half, the same place at any grid. */
class ImagePositionsTest {

    private static final int WIDTH = 16;

    @Test
    void theRowHalfCodesTheRowAndTheColumnHalfTheColumn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Given a 4x3 grid of patches
            float[] table = ImagePositions.table(manager, 4, 3, WIDTH).toFloatArray(); // [12, 16]
            // Then tokens of one row share the first half and differ in the second, and so for columns
            assertArrayEquals(half(table, 0, 0), half(table, 2, 0));
            assertArrayEquals(half(table, 3, 1), half(table, 6, 1));
            assertNotEquals(Arrays.toString(half(table, 0, 1)), Arrays.toString(half(table, 1, 1)));
            assertNotEquals(Arrays.toString(half(table, 0, 0)), Arrays.toString(half(table, 3, 0)));
            // and the lowest frequency's sine grows down the rows, ordering every place along the axis
            for (int row = 1; row < 4; row++) {
                assertTrue(table[row * 3 * WIDTH] > table[(row - 1) * 3 * WIDTH], "row " + row);
            }
        }
    }

    @Test
    void aPlaceHasOneCodeAtEveryResolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // The centre of a 1x1 grid and of a 3x3 grid's middle patch lie at (0.5, 0.5)
            float[] one = ImagePositions.table(manager, 1, 1, WIDTH).toFloatArray();
            float[] middle = Arrays.copyOfRange(ImagePositions.table(manager, 3, 3, WIDTH).toFloatArray(),
                    4 * WIDTH, 5 * WIDTH);
            assertArrayEquals(one, middle, 1e-6f);
            // the frequencies run from a quarter turn to eight half turns across the image: pi / 4 and 4 pi here
            assertEquals((float) Math.sin(Math.PI / 4), one[0], 1e-6f);
            assertEquals((float) Math.cos(Math.PI / 4), one[WIDTH / 4], 1e-6f);
            assertEquals(0f, one[WIDTH / 4 - 1], 1e-5f);
            assertEquals(1f, one[WIDTH / 2 - 1], 1e-6f);
            // sine and cosine of each angle: every pair lies on the unit circle
            for (int k = 0; k < WIDTH / 4; k++) {
                assertEquals(1f, one[k] * one[k] + one[k + WIDTH / 4] * one[k + WIDTH / 4], 1e-6f);
            }
        }
    }

    @Test
    void aWidthThatDoesNotSplitIntoFourIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImagePositions.table(manager, 2, 2, 18));
            assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
        }
    }

    @Test
    void theCodeChangesTheDitsOutputOnlyWhenTheConfigAsksForIt() {
        UniWorldConfig plain = TestModels.micro();
        UniWorldConfig placed = plain.withDit(plain.dit().withAbsolutePositions(true));
        try (NDManager manager = NDManager.newBaseManager()) {
            // the same seed gives both models the same weights: the code has none
            NDArray without = output(plain, manager); // [1, 3, h, w]
            NDArray again = output(plain, manager);
            NDArray with = output(placed, manager);
            assertEquals(0f, again.sub(without).abs().max().getFloat(), 1e-6f);
            assertTrue(with.sub(without).abs().max().getFloat() > 1e-3f, "the code must reach the output");
        }
    }

    private static float[] half(float[] table, int token, int which) {
        int from = token * WIDTH + which * WIDTH / 2;
        return Arrays.copyOfRange(table, from, from + WIDTH / 2);
    }

    private static NDArray output(UniWorldConfig config, NDManager into) {
        return TestModels.ditOutput(config, new float[] {0.6f}, 6, null, into); // [B, 3, h, w]
    }
}
