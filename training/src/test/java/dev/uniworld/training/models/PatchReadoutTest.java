package dev.uniworld.training.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.nn.Ops;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The least-squares read-out from patch tokens to their pixels, and the solver under it. */
class PatchReadoutTest {

    private static final int SIDE = 4;
    private static final int PATCH = 2;
    private static final int WIDTH = 3;

    @Test
    void theSolverAnswersAKnownSystemAndRefusesASingularOne() {
        double[][] a = {{0, 2, 1}, {1, 1, 0}, {3, 0, 1}}; // a zero first pivot: the solver must swap rows
        double[][] b = {{5, 1}, {3, 0}, {6, 2}};
        double[][] x = LinearSolve.solve(a, b);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                double sum = 0;
                for (int j = 0; j < 3; j++) {
                    sum += a[i][j] * x[j][k];
                }
                assertEquals(b[i][k], sum, 1e-9, "row " + i + ", column " + k);
            }
        }
        assertEquals(0, a[0][0], "the arguments are left as they were");
        assertEquals(5, b[0][0]);
        IllegalArgumentException singular = assertThrows(IllegalArgumentException.class,
                () -> LinearSolve.solve(new double[][] {{1, 2}, {2, 4}}, new double[][] {{1}, {2}}));
        assertTrue(singular.getMessage().contains("singular"), singular.getMessage());
    }

    @Test
    void pixelsThatAreALinearFunctionOfTheirTokensAreReadBack() {
        // Given: tokens drawn at random, and images whose every patch is a fixed affine map of its token (within
        // [-1, 1], so that the read-out's clamp leaves it alone)
        SplittableRandom random = new SplittableRandom(7);
        double[][] map = new double[WIDTH + 1][3 * PATCH * PATCH];
        for (double[] row : map) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble(-0.2, 0.2);
            }
        }
        int images = 20;
        int patches = (SIDE / PATCH) * (SIDE / PATCH);
        float[] tokenData = new float[images * patches * WIDTH];
        for (int i = 0; i < tokenData.length; i++) {
            tokenData[i] = (float) random.nextDouble(-1, 1);
        }
        HostTensor tokens = new HostTensor(tokenData, new long[] {images, patches, WIDTH});
        PatchReadout readout = new PatchReadout(SIDE, PATCH, WIDTH);
        float[][] truth = new float[images][];
        for (int b = 0; b < images; b++) {
            truth[b] = render(tokenData, b, map);
            readout.add(tokens, b, truth[b]);
        }
        // When
        readout.fit();
        // Then: the map is recovered up to the ridge's pull, for every image and every pixel's place in its patch
        for (int b = 0; b < images; b++) {
            assertArrayEquals(truth[b], readout.read(tokens, b), 2e-3f, "image " + b);
        }
        assertThrows(IllegalStateException.class, () -> readout.add(tokens, 0, truth[0]));
    }

    @Test
    void tokensInTheVisionEncodersPatchOrderAreReadBackToTheirPlaces() {
        // Given: the encoders' own patch embedding input (Ops.patchify), a token per patch holding its pixels, and
        // pixels independent from patch to patch: a read-out that took a token for another patch's place could not
        // predict unseen images (an order within the patch is a permutation, which the fitted map learns)
        int side = 8;
        int patch = 4;
        int images = 60;
        int fitted = 50;
        SplittableRandom random = new SplittableRandom(3);
        float[] pixels = new float[images * 3 * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble(-1, 1);
        }
        HostTensor tokens;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.create(pixels, new Shape(images, 3, side, side));
            tokens = HostTensor.of(Ops.patchify(batch, patch)); // [60, 4, 48]
        }
        PatchReadout readout = new PatchReadout(side, patch, 3 * patch * patch);
        for (int b = 0; b < fitted; b++) {
            readout.add(tokens, b, image(pixels, b, side));
        }
        // When
        readout.fit();
        // Then: images it was not fitted on come back
        for (int b = fitted; b < images; b++) {
            assertArrayEquals(image(pixels, b, side), readout.read(tokens, b), 1e-3f, "image " + b);
        }
    }

    @Test
    void aReadOutNeedsPatchesAndTokensOfItsWidth() {
        PatchReadout empty = new PatchReadout(SIDE, PATCH, WIDTH);
        assertThrows(IllegalStateException.class, empty::fit);
        HostTensor tokens = new HostTensor(new float[4 * WIDTH], new long[] {1, 4, WIDTH});
        assertThrows(IllegalStateException.class, () -> empty.read(tokens, 0));
        HostTensor wide = new HostTensor(new float[4 * (WIDTH + 1)], new long[] {1, 4, WIDTH + 1});
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> empty.add(wide, 0, new float[3 * SIDE * SIDE]));
        assertTrue(wrong.getMessage().contains("width " + WIDTH), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PatchReadout(5, 2, WIDTH));
        PatchReadout readout = new PatchReadout(SIDE, PATCH, WIDTH);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> readout.add(tokens, 0, new float[3 * SIDE * SIDE - 1]));
        assertTrue(small.getMessage().startsWith("image has 47 values"), small.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> readout.add(tokens, 1, new float[3 * SIDE * SIDE]));
        assertTrue(beyond.getMessage().contains("image 1 of tokens for 1 images"), beyond.getMessage());
        assertThrows(IllegalStateException.class, readout::fit, "the refused images added nothing");
    }

    private static float[] image(float[] pixels, int b, int side) {
        int size = 3 * side * side;
        return java.util.Arrays.copyOfRange(pixels, b * size, (b + 1) * size);
    }

    /** Image b [3, S, S]: patch t's pixel (c, y, x) = map applied to token t (with a trailing 1), row-major. */
    private static float[] render(float[] tokens, int b, double[][] map) {
        int grid = SIDE / PATCH;
        float[] image = new float[3 * SIDE * SIDE];
        for (int t = 0; t < grid * grid; t++) {
            for (int j = 0; j < 3 * PATCH * PATCH; j++) {
                double v = map[WIDTH][j];
                for (int i = 0; i < WIDTH; i++) {
                    v += tokens[(b * grid * grid + t) * WIDTH + i] * map[i][j];
                }
                int c = j / (PATCH * PATCH);
                int y = (t / grid) * PATCH + (j / PATCH) % PATCH;
                int x = (t % grid) * PATCH + j % PATCH;
                image[(c * SIDE + y) * SIDE + x] = (float) v;
            }
        }
        return image;
    }
}
