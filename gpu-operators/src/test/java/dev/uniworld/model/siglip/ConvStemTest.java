package dev.uniworld.model.siglip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.TestModels;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.nn.Weights;
import org.junit.jupiter.api.Test;

class ConvStemTest {

    /** 32x32 images, 8x8 patches (a 4x4 grid), 16 wide, a stem of three 2x2 layers: 3 -> 4 -> 8 -> 16 channels. */
    private static final VitConfig CONFIG = new VitConfig(32, 8, 16, 1, 2, 32, 1e-6, 4);

    @Test
    void channelsDoubleFromTheStemWidthToTheTokenWidth() {
        assertArrayEquals(new int[] {3, 4, 8, 16}, CONFIG.stemChannels());
        assertArrayEquals(new int[0], new VitConfig(32, 8, 16, 1, 2, 32, 1e-6).stemChannels());
        assertArrayEquals(new int[] {3, 5, 16}, new VitConfig(32, 4, 16, 1, 2, 32, 1e-6, 5).stemChannels());
    }

    @Test
    void eachTokenReadsItsOwnPatchAndNoOther() {
        ConvStem stem = new ConvStem(CONFIG);
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights.initializeSeeded("", stem, manager, 5);
            ParameterStore store = new ParameterStore(manager, false);
            float[] pixels = TestModels.uniforms(2 * 3 * 32 * 32, 9);
            NDArray before = stem.forward(store, manager.create(pixels, new Shape(2, 3, 32, 32)), false);
            assertEquals(new Shape(2, 16, 16), before.getShape());
            // Given one pixel changed in patch (row 2, column 1) of the second image
            int y = 2 * 8 + 5;
            int x = 8 + 3;
            pixels[(3 + 1) * 32 * 32 + y * 32 + x] += 1f;
            // When
            float[] after = stem.forward(store, manager.create(pixels, new Shape(2, 3, 32, 32)), false)
                    .toFloatArray();
            // Then only that image's token 2 * 4 + 1 moves, as Ops.patchify orders patches
            float[] old = before.toFloatArray();
            for (int image = 0; image < 2; image++) {
                for (int token = 0; token < 16; token++) {
                    double moved = 0;
                    for (int d = 0; d < 16; d++) {
                        int i = (image * 16 + token) * 16 + d;
                        moved = Math.max(moved, Math.abs(after[i] - old[i]));
                    }
                    boolean changed = image == 1 && token == 9;
                    assertEquals(changed, moved > 1e-6, "image " + image + " token " + token + " moved " + moved);
                }
            }
        }
    }

    @Test
    void anEncoderWithAStemHasNoLinearPatchEmbedding() {
        VitEncoder encoder = new VitEncoder(CONFIG);
        VitEncoder linear = new VitEncoder(CONFIG.withStemWidth(0));
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights.initializeSeeded("", encoder, manager, 3);
            Weights.initializeSeeded("", linear, manager, 3);
            var names = Weights.named("", encoder).keySet();
            assertTrue(names.contains("conv_stem.conv2.weight"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("patch_embedding")), names.toString());
            assertTrue(Weights.named("", linear).containsKey("patch_embedding.weight"));
            NDArray tokens = encoder.forward(new ParameterStore(manager, false),
                    manager.create(TestModels.uniforms(3 * 32 * 32, 1), new Shape(1, 3, 32, 32)), false);
            assertEquals(new Shape(1, 16, 16), tokens.getShape());
        }
    }

    @Test
    void aStemNeedsAPowerOfTwoPatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VitConfig(36, 6, 16, 1, 2, 32, 1e-6, 4));
        assertTrue(e.getMessage().contains("power of 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VitConfig(32, 8, 16, 1, 2, 32, 1e-6, -1));
    }
}
