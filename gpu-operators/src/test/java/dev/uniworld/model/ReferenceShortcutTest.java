package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.dit.ReferenceShortcut;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reference shortcut hands each image token the reference token under its patch, and nothing else changes. */
class ReferenceShortcutTest {

    private static final int CONTEXT = 20;
    private static final int START = 2;

    @Test
    void eachPatchTakesTheReferenceTokenCoveringItsCentre() {
        // Given an 8x8 patch grid over a 4x4 reference grid whose tokens start at context position 2
        float[] pick = ReferenceShortcut.selection(new int[][] {{START}, {}}, CONTEXT, 4, 8, 8);
        // Then patch (row, column) takes token (row / 2, column / 2), and the sample without a reference takes nothing
        for (int n = 0; n < 64; n++) {
            int covering = (n / 8 / 2) * 4 + (n % 8) / 2;
            for (int l = 0; l < CONTEXT; l++) {
                assertEquals(l == START + covering ? 1f : 0f, pick[n * CONTEXT + l], "patch " + n + ", token " + l);
            }
        }
        assertArrayEquals(new float[64 * CONTEXT], Arrays.copyOfRange(pick, 64 * CONTEXT, pick.length));
    }

    @Test
    void aPatchCoveringSeveralReferenceTokensTakesTheOneUnderItsCentre() {
        // A 2x2 patch grid over a 4x4 reference grid: patch (1, 1) covers tokens (2..3, 2..3), its centre is in (3, 3)
        float[] pick = ReferenceShortcut.selection(new int[][] {{0}}, 16, 4, 2, 2);
        float[] expected = new float[16];
        expected[3 * 4 + 3] = 1f;
        assertArrayEquals(expected, Arrays.copyOfRange(pick, 3 * 16, 4 * 16));
    }

    @Test
    void eachReferenceOfASampleContributesAndAReferenceOutsideTheContextIsRefused() {
        float[] pick = ReferenceShortcut.selection(new int[][] {{0, 4}}, 8, 2, 2, 2);
        // patch 3 (row 1, column 1) takes token 3 of each reference: positions 3 and 7
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 1}, Arrays.copyOfRange(pick, 24, 32));
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceShortcut.selection(new int[][] {{5}}, 8, 2, 2, 2));
    }

    @Test
    void onlySamplesWithAReferenceSeeTheShortcut() {
        UniWorldConfig plain = TestModels.micro();
        UniWorldConfig shortcut = plain.withDit(plain.dit().withReferenceShortcut(true));
        try (NDManager manager = NDManager.newBaseManager()) {
            // the same seed gives both models the same weights apart from the shortcut's own
            NDArray without = output(plain, manager); // [2, 3, h, w]
            NDArray with = output(shortcut, manager);
            assertTrue(with.get(0).sub(without.get(0)).abs().max().getFloat() > 1e-3f,
                    "the sample with a reference must change");
            assertEquals(0f, with.get(1).sub(without.get(1)).abs().max().getFloat(), 1e-6f,
                    "the sample without a reference must not");
        }
    }

    private static NDArray output(UniWorldConfig config, NDManager into) {
        // [2, 3, h, w]: the first sample with a reference, the second without
        return TestModels.ditOutput(config, new float[] {0.6f, 0.6f}, CONTEXT, new int[][] {{START}, {}},
                into);
    }
}
