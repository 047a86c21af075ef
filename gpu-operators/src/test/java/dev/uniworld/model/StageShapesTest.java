package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every stage of the tiny preset, batch 1 and 4: output shapes, and batched results equal per-sample results. */
class StageShapesTest {

    private static final float TOLERANCE = 1e-5f;
    private static final String[] INSTRUCTIONS = {
        "make the red circle blue", "remove the square", "a green triangle left of a yellow star",
        "how many shapes are there ?"};
    private static UniWorldModel model;
    private static UniWorldConfig config;

    @BeforeAll
    static void build() {
        config = TestModels.tiny();
        model = UniWorldModel.create(config, 7);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Sample b has b % 2 images (so a batch of 4 mixes text-only and edit prompts of different lengths). */
    private static int[][] prompts(int batch) {
        int[][] ids = new int[batch][];
        for (int b = 0; b < batch; b++) {
            ids[b] = TestModels.prompts(config).build(INSTRUCTIONS[b], b % 2);
        }
        return ids;
    }

    private static int imagesIn(int batch) {
        return batch / 2;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void everyStageHasDocumentedShapesAndBatchingChangesNothing(int batch) {
        // Given
        int[][] ids = prompts(batch);
        int images = imagesIn(batch);
        HostTensor vlmImages = images == 0 ? null : TestModels.images(images, config.vlm().vision().imageSize(), 1);
        HostTensor siglipImages = images == 0 ? null : TestModels.images(images, config.siglip().imageSize(), 1);
        // one DiT pass per step: the unguided path's shapes (PerKindGuidanceTest covers guidance)
        SamplerConfig sampler = config.sampler().withSteps(2).withCfgScale(1);
        long[] seeds = new long[batch];
        for (int b = 0; b < batch; b++) {
            seeds[b] = 100 + b;
        }
        // When
        VlmEncoding vlm = model.encodeVlm(ids, vlmImages);
        HostTensor siglip = siglipImages == null ? null : model.encodeSiglip(siglipImages);
        FusedContext fused = model.fuse(vlm, siglip, null, null);
        HostTensor latents = model.denoise(fused, null, sampler, seeds);
        HostTensor pixels = model.decode(latents);
        List<Task> tasks = model.chooseTask(vlm);
        int[][] answers = model.answer(ids, vlmImages, 3);
        // Then: shapes
        int longest = java.util.Arrays.stream(ids).mapToInt(a -> a.length).max().orElseThrow();
        // the tiny preset's connector reads the token embeddings beside the last layer: twice the VLM's width
        assertEquals(2 * config.vlm().hidden(), config.connector().vlmInputWidth(config.vlm().hidden()));
        assertArrayEquals(new long[] {batch, longest, 2L * config.vlm().hidden()}, vlm.hidden().shape());
        if (siglip != null) {
            assertArrayEquals(new long[] {images, config.siglip().tokens(), config.siglip().hidden()},
                    siglip.shape());
        }
        int perImage = config.siglip().tokens();
        for (int b = 0; b < batch; b++) {
            assertEquals(ids[b].length + (b % 2) * perImage, fused.lengths()[b]);
        }
        assertEquals(config.connector().contextDim(), fused.context().dim(2));
        assertArrayEquals(new long[] {batch, config.connector().contextDim()}, fused.pooled().shape());
        assertArrayEquals(new long[] {batch, 3, 64, 64}, latents.shape());
        assertArrayEquals(new long[] {batch, 3, 64, 64}, pixels.shape());
        assertEquals(batch, tasks.size());
        assertEquals(batch, answers.length);
        // Then: each sample alone gives the same numbers
        int imageIndex = 0;
        for (int b = 0; b < batch; b++) {
            HostTensor oneVlmImage = b % 2 == 1 ? vlmImages.rows(imageIndex, imageIndex + 1) : null;
            HostTensor oneSiglip = b % 2 == 1 ? siglip.rows(imageIndex, imageIndex + 1) : null;
            imageIndex += b % 2;
            VlmEncoding alone = model.encodeVlm(new int[][] {ids[b]}, oneVlmImage);
            assertClose(vlm.sample(b).hidden().data(), alone.hidden().data(), "vlm sample " + b);
            FusedContext fusedAlone = model.fuse(alone, oneSiglip, null, null);
            assertClose(fused.sample(b).context().data(), fusedAlone.context().data(), "fusion sample " + b);
            assertClose(fused.sample(b).pooled().data(), fusedAlone.pooled().data(), "pooled sample " + b);
            HostTensor latentAlone = model.denoise(fusedAlone, null, sampler, new long[] {seeds[b]});
            assertClose(latents.rows(b, b + 1).data(), latentAlone.data(), "denoise sample " + b);
            assertEquals(tasks.get(b), model.chooseTask(alone).get(0));
            assertArrayEquals(answers[b], model.answer(new int[][] {ids[b]}, oneVlmImage, 3)[0]);
        }
        if (siglip != null) {
            List<HostTensor> single = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                single.add(model.encodeSiglip(siglipImages.rows(i, i + 1)));
            }
            assertClose(siglip.data(), HostTensor.concat(single).data(), "siglip");
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        float diff = TestModels.maxAbsDiff(expected, actual);
        assertTrue(diff <= TOLERANCE, what + " differs by " + diff);
    }
}
