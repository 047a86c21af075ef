package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.connector.FusionLayout;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FusionTest {

    private static final int END = SpecialTokens.WORD_LEVEL.visionEnd();

    @Test
    void eachImagesTokensSitRightBeforeItsVisionEnd() {
        // Given one prompt with two images: [bos w w vs p p ve w vs p p ve], 3 SigLIP tokens per image
        int[] ids = {1, 20, 21, 3, 5, 5, END, 22, 3, 5, 5, END};
        int vlmLength = ids.length;
        // When
        FusionLayout layout = FusionLayout.plan(new int[][] {ids}, vlmLength, END, 2, 3, null, 0);
        // Then: image 0 at fused 6..8, then its vision_end (VLM row 6); image 1 at 14..16, then VLM row 11
        assertArrayEquals(new int[] {6, 14}, layout.imageStarts()[0]);
        assertArrayEquals(new int[] {6, 14}, FusionLayout.imageStarts(ids, END, 3), "the DiT stage's recount");
        long s = vlmLength;
        long[] expected = {0, 1, 2, 3, 4, 5, s, s + 1, s + 2, 6, 7, 8, 9, 10, s + 3, s + 4, s + 5, 11};
        assertArrayEquals(expected, layout.rows());
        assertArrayEquals(fusedOrder(ids, 3, s), layout.rows());
        assertEquals(18, layout.lengths()[0]);
    }

    /** Independent statement of the rule: walk the ids, emit P SigLIP rows before each vision_end. */
    private static long[] fusedOrder(int[] ids, int perImage, long siglipBase) {
        long[] out = new long[ids.length + 2 * perImage];
        int pos = 0;
        int image = 0;
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] == END) {
                for (int p = 0; p < perImage; p++) {
                    out[pos++] = siglipBase + (long) image * perImage + p;
                }
                image++;
            }
            out[pos++] = t;
        }
        return out;
    }

    @Test
    void noImageInsertsNothingAndExtraTextIsAppended() {
        int[] ids = {1, 20, 21, 22};
        FusionLayout layout = FusionLayout.plan(new int[][] {ids, {1, 20}}, 4, END, 0, 0, new int[] {2, 1}, 2);
        assertArrayEquals(new int[] {6, 3}, layout.lengths());
        long extraBase = 2 * 4;
        long zero = extraBase + 2 * 2;
        assertArrayEquals(new long[] {0, 1, 2, 3, extraBase, extraBase + 1, 4, 5, extraBase + 2, zero, zero, zero},
                layout.rows());
    }

    @Test
    void imageCountMustMatchThePrompts() {
        int[] ids = {1, 3, 5, END};
        assertThrows(IllegalArgumentException.class, () -> FusionLayout.plan(new int[][] {ids}, 4, END, 2, 3, null, 0));
    }

    @Test
    void theModelPutsEachImagesProjectedTokensAtItsPositions() {
        UniWorldConfig config = TestModels.micro();
        try (UniWorldModel model = UniWorldModel.create(config, 3)) {
            // Given a prompt with two images and their SigLIP states
            int[] ids = TestModels.prompts(config).build("swap the circle and the square", 2);
            HostTensor images = TestModels.images(2, config.imageSize(), 9);
            VlmEncoding vlm = model.encodeVlm(new int[][] {ids}, images);
            HostTensor siglip = model.encodeSiglip(images);
            // When the second image's SigLIP states change
            HostTensor changed = HostTensor.concat(java.util.List.of(siglip.rows(0, 1),
                    model.encodeSiglip(TestModels.images(1, config.imageSize(), 10))));
            FusedContext a = model.fuse(vlm, siglip, null, null);
            FusedContext b = model.fuse(vlm, changed, null, null);
            // Then exactly the fused positions of image 2 (right before the second vision_end) change
            int perImage = config.siglip().tokens();
            int secondEnd = -1; // the images come before the instruction: find the second vision_end
            for (int t = 0; t < ids.length; t++) {
                secondEnd = ids[t] == model.specials().visionEnd() ? t : secondEnd;
            }
            int start = secondEnd + perImage; // the first image's tokens shift it by perImage
            int width = config.connector().contextDim();
            for (int pos = 0; pos < a.lengths()[0]; pos++) {
                boolean inImage2 = pos >= start && pos < start + perImage;
                float[] rowA = Arrays.copyOfRange(a.context().data(), pos * width, (pos + 1) * width);
                float[] rowB = Arrays.copyOfRange(b.context().data(), pos * width, (pos + 1) * width);
                assertEquals(inImage2, !Arrays.equals(rowA, rowB), "position " + pos);
            }
            assertEquals(ids.length + 2 * perImage, a.lengths()[0]);
        }
    }
}
