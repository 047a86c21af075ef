package dev.uniworld.model.vlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.config.ParameterCounts;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.WordTokenizer;
import org.junit.jupiter.api.Test;

class BilinearResizeTest {

    @Test
    void everyOutputPixelIsAWeightedMeanOfItsTwoNearestInputs() {
        float[] w = BilinearResize.weights(64, 72); // [72, 64]
        for (int j = 0; j < 72; j++) {
            double sum = 0;
            int nonZero = 0;
            for (int i = 0; i < 64; i++) {
                sum += w[j * 64 + i];
                nonZero += w[j * 64 + i] != 0 ? 1 : 0;
            }
            assertEquals(1.0, sum, 1e-6, "row " + j);
            assertEquals(true, nonZero <= 2, "row " + j);
        }
        // output pixel 9 has its centre at (9.5) * 64 / 72 - 0.5 = 7.944 in input pixels: 5.6% of 7, 94.4% of 8
        assertEquals(1 - 0.9444444, w[9 * 64 + 7], 1e-5);
        assertEquals(0.9444444, w[9 * 64 + 8], 1e-5);
        // the first output pixel's centre lies left of the first input's: the edge repeats
        assertEquals(1f, w[0], 0f);
    }

    @Test
    void aResizedImageKeepsItsFlatAreasAndItsRamps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] pixels = new float[2 * 3 * 64 * 64];
            for (int c = 0; c < 6; c++) {
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        // channel 0 of each image flat, the others ramps along x
                        pixels[(c * 64 + y) * 64 + x] = c % 3 == 0 ? 0.25f : x / 63f;
                    }
                }
            }
            NDArray out = BilinearResize.apply(manager.create(pixels, new Shape(2, 3, 64, 64)), 72);
            assertEquals(new Shape(2, 3, 72, 72), out.getShape());
            float[] flat = out.get("1, 0").toFloatArray();
            for (float v : flat) {
                assertEquals(0.25f, v, 1e-6f);
            }
            // a ramp stays a ramp: interior output pixels sit on the same line, rows alike
            float[] ramp = out.get("0, 1, 40").toFloatArray();
            for (int x = 1; x < 71; x++) {
                double centre = (x + 0.5) * 64 / 72 - 0.5;
                assertEquals(centre / 63, ramp[x], 1e-5, "x " + x);
            }
            assertArrayEquals(ramp, out.get("0, 1, 3").toFloatArray(), 1e-6f);
        }
    }

    @Test
    void imagesOfTheTowersSideAreLeftAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.ones(new Shape(1, 3, 64, 64));
            assertSame(images, BilinearResize.apply(images, 64));
        }
    }

    @Test
    void aSeventyTwoPixelTowerReadsModelSizedImagesAsNineTokens() {
        // Given the tiny model whose VLM tower takes 72 pixels and merges 3x3 patches: one token per ShapesWorld cell
        UniWorldConfig tiny = Presets.tiny();
        VlmConfig vlm = tiny.vlm().withVision(tiny.vlm().vision().withImageSize(72), 3);
        UniWorldConfig config = tiny.withVlm(vlm);
        assertEquals(9, vlm.tokensPerImage());
        try (UniWorldModel model = UniWorldModel.create(config, 3)) {
            long parameters = model.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("vlm."))
                    .mapToLong(e -> e.getValue().getShape().size()).sum();
            assertEquals(ParameterCounts.vlm(vlm), parameters);
            int[] ids = new PromptBuilder(WordTokenizer.tinyVocabulary(), 9).build("what shape is the red shape ?", 1);
            // When it encodes a 64-pixel image, as training, evaluation and the pipeline hand it
            float[] pixels = new float[3 * 64 * 64];
            java.util.Arrays.fill(pixels, 0.5f);
            VlmEncoding encoded = model.encodeVlm(new int[][] {ids},
                    new HostTensor(pixels, new long[] {1, 3, 64, 64}));
            // Then the prompt keeps its nine image tokens and its length
            assertEquals(ids.length, encoded.hidden().shape()[1]);
        }
    }
}
