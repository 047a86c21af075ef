package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.sampler.FlowMatchingObjective;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The blurred inputs of {@link Recipe#blurShare}: the box blur, which samples it picks, and the target velocity that
 * leads from a blurred input to the sharp image.
 */
class BlurredInputsTest {

    @Test
    void theBoxBlurAveragesTheSquareAroundEachPixelWithClampedBorders() {
        // One channel, 4x4, left half 0 and right half 1: each row becomes (0+0+0, 0+0+1, 0+1+1, 1+1+1) / 3
        float[] image = new float[16];
        for (int row = 0; row < 4; row++) {
            image[row * 4 + 2] = 1;
            image[row * 4 + 3] = 1;
        }
        BoxBlur.blur(image, 0, 1, 4, 1);
        for (int row = 0; row < 4; row++) {
            assertArrayEquals(new float[] {0, 1 / 3f, 2 / 3f, 1}, Arrays.copyOfRange(image, row * 4, row * 4 + 4),
                    1e-6f);
        }
        // A single bright pixel in the middle of 5x5 spreads over the 3x3 square around it, a ninth each
        float[] dot = new float[25];
        dot[12] = 9;
        BoxBlur.blur(dot, 0, 1, 5, 1);
        for (int i = 0; i < 25; i++) {
            boolean inSquare = Math.abs(i / 5 - 2) <= 1 && Math.abs(i % 5 - 2) <= 1;
            assertEquals(inSquare ? 1f : 0f, dot[i], 1e-6f, "pixel " + i);
        }
    }

    @Test
    void theBoxBlurTouchesOnlyTheImageAtItsOffsetAndKeepsFlatImagesAsTheyAre() {
        float[] two = new float[2 * 3 * 16];
        Arrays.fill(two, 0, 48, 0.25f);
        two[48 + 5] = 1;
        float[] before = two.clone();
        BoxBlur.blur(two, 0, 3, 4, 2);
        assertArrayEquals(before, two, 1e-6f);
        BoxBlur.blur(two, 48, 3, 4, 0);
        assertArrayEquals(before, two);
        assertThrows(IllegalArgumentException.class, () -> BoxBlur.blur(two, 0, 3, 4, -1));
    }

    @Test
    void samplesBelowTheShareAndAtOrAboveTheSigmaFloorAreBlurredWithTheRadiusOfTheirSecondDraw() {
        int side = 8;
        float[] images = new float[4 * 3 * side * side];
        for (int i = 0; i < 4; i++) {
            images[i * 3 * side * side + 3 * side + 3] = 1; // one bright pixel in each image's first channel
        }
        float[] before = images.clone();
        float[] sigmas = {0.5f, 0.1f, 0.9f, 0.5f};
        // sample 0: radius 1; sample 1: below the sigma floor; sample 2: radius 3; sample 3: above the share
        double[] uniforms = {0.1, 0.0, 0.1, 0.5, 0.1, 0.99, 0.9, 0.5};
        float[] picked = DiffusionPhase.blurInputs(images, sigmas, uniforms, 0.5, side);
        assertArrayEquals(new float[] {1, 0, 1, 0}, picked);
        int perImage = 3 * side * side;
        assertEquals(1 / 9f, images[3 * side + 3], 1e-6f);
        assertEquals(1 / 49f, images[2 * perImage + 3 * side + 3], 1e-6f);
        for (int i : new int[] {1, 3}) {
            assertArrayEquals(Arrays.copyOfRange(before, i * perImage, (i + 1) * perImage),
                    Arrays.copyOfRange(images, i * perImage, (i + 1) * perImage));
        }
    }

    @Test
    void theRestoringTargetLeadsFromABlurredInputToTheSharpImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray clean = manager.randomUniform(-1, 1, new Shape(3, 3, 4, 4));
            NDArray blurred = clean.mul(0.5f).add(0.1f);
            NDArray noise = manager.randomNormal(new Shape(3, 3, 4, 4));
            NDArray sigma = manager.create(new float[] {0.2f, 0.6f, 1f});
            NDArray noisy = FlowMatchingObjective.noisy(blurred, noise, sigma);
            NDArray velocity = FlowMatchingObjective.restoringTarget(clean, blurred, noise, sigma);
            // One Euler step from sigma to 0 along the target velocity lands on the sharp image
            NDArray landed = noisy.sub(velocity.mul(sigma.reshape(3, 1, 1, 1)));
            assertArrayEquals(clean.toFloatArray(), landed.toFloatArray(), 1e-5f);
            // From the clean image itself it is the plain flow-matching target, exactly
            assertArrayEquals(FlowMatchingObjective.target(clean, noise).toFloatArray(),
                    FlowMatchingObjective.restoringTarget(clean, clean, noise, sigma).toFloatArray());
        }
    }

    @Test
    void stageTwoWithTheShareBlursSomeInputsAndStillTargetsTheSharpImages() {
        Recipe plain = Recipe.tiny().withBatches(4, 4, 8);
        Recipe blurring = plain.withBlurShare(1);
        try (UniWorldModel model = UniWorldModel.create(plain.model(), 7);
                NDManager sub = model.manager().newSubManager()) {
            DiffusionPhase.Batch without = (DiffusionPhase.Batch) new DiffusionPhase(model, PhaseFixtures.data(plain),
                    plain, 2).prepare(sub, 3);
            DiffusionPhase.Batch with = (DiffusionPhase.Batch) new DiffusionPhase(model,
                    PhaseFixtures.data(blurring), blurring, 2).prepare(sub, 3);
            assertArrayEquals(without.sigma().toFloatArray(), with.sigma().toFloatArray());
            assertArrayEquals(landing(without).toFloatArray(), landing(with).toFloatArray(), 1e-4f);
            float[] sigmas = with.sigma().toFloatArray();
            int perSample = (int) (with.noisy().size() / sigmas.length);
            float[] a = without.noisy().toFloatArray();
            float[] b = with.noisy().toFloatArray();
            int changed = 0;
            for (int i = 0; i < sigmas.length; i++) {
                boolean same = Arrays.equals(Arrays.copyOfRange(a, i * perSample, (i + 1) * perSample),
                        Arrays.copyOfRange(b, i * perSample, (i + 1) * perSample));
                // below the floor nothing is blurred; above it a flat target may blur to itself
                assertTrue(same || sigmas[i] >= Recipe.BLUR_SIGMA_FLOOR, "sample " + i + " at sigma " + sigmas[i]);
                changed += same ? 0 : 1;
            }
            assertTrue(changed > 0, "some sigma of the batch lies above the floor: " + Arrays.toString(sigmas));
        }
    }

    @Test
    void recipesRecordedBeforeTheShareReadWithoutItAndTheShareIsChecked() throws Exception {
        assertEquals(0, Recipe.tiny().blurShare());
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withBlurShare(0.3));
        recorded.remove("blurShare");
        assertEquals(Recipe.tiny(), RunFiles.JSON.treeToValue(recorded, Recipe.class));
        assertThrows(IllegalArgumentException.class, () -> Recipe.tiny().withBlurShare(1.5));
        assertFalse(Recipe.tiny().withBlurShare(0.3).equals(Recipe.tiny()));
    }

    /** Where one Euler step along the target velocity lands: noisy - sigma * target, [B, C, h, w]. */
    private static NDArray landing(DiffusionPhase.Batch batch) {
        long b = batch.sigma().size();
        return batch.noisy().sub(batch.target().mul(batch.sigma().reshape(b, 1, 1, 1)));
    }
}
