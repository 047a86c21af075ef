package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.connector.ContextFusion;
import dev.uniworld.model.connector.FusedArrays;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The DiT sees the same conditioning when it trains as when it serves: a stage-2 batch (edits with reference images
 * beside text-to-image prompts) gives the same velocity through the trainer's on-device fusion as through the
 * serving path (VLM encoding, SigLIP encoding and fusion as host tensors, then the DiT).
 */
class TrainServeConsistencyTest {

    @Test
    void trainerAndServingPathGiveTheSameVelocity() {
        Recipe recipe = Recipe.tiny().withAnswers(0, 0).withModel(Recipe.withPatch(Presets.tiny(), 16))
                .withBatches(4, 4, 6);
        TrainingData data = new TrainingData(new TaskGenerator(new TaskConfig(new RenderConfig(64), Set.of())),
                ShapesTokenizer.create(), recipe);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 7, ai.djl.Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
                NDManager sub = model.manager().newSubManager()) {
            DiffusionPhase stage2 = new DiffusionPhase(model, data, recipe, 2);
            DiffusionPhase.Batch batch = (DiffusionPhase.Batch) stage2.prepare(sub, 3);
            ParameterStore store = new ParameterStore(sub, false);
            // the trainer's path
            FusedArrays fused = model.network().fusion().fuse(store, batch.hidden(), batch.ids(), batch.siglip(),
                    null, null, false);
            NDArray trained = model.network().velocity(store, batch.noisy(), batch.sigma(), fused, batch.guidance(),
                    false); // [B, C, h, w]
            // the serving path, from the same prompts and images
            List<float[]> inputs = new ArrayList<>();
            data.ditBatch(2, 3).forEach(e -> inputs.addAll(e.inputs()));
            assertTrue(!inputs.isEmpty() && inputs.size() < 6, "the batch should mix edits and text to image");
            HostTensor images = HostTensor.images(inputs, 64);
            VlmEncoding vlm = model.encodeVlm(batch.ids(), images);
            FusedContext context = model.fuse(vlm, model.encodeSiglip(images), null, null);
            NDArray ctx = context.context().toNDArray(sub); // [B, L, C]
            NDArray keep = ContextFusion.lengthMask(sub, context.lengths(), Math.toIntExact(ctx.getShape().get(1)));
            NDArray served = model.network().dit().forward(store, batch.noisy(), batch.sigma(), ctx, keep,
                    context.pooled().toNDArray(sub), batch.guidance(), context.referenceStarts(), false);

            assertTrue(recipe.model().dit().alignedReferences(), "the recipe's DiT places its reference tokens");
            assertEquals(trained.getShape(), served.getShape());
            float difference = trained.sub(served).abs().max().getFloat();
            assertTrue(difference < 1e-5f, "velocity differs by " + difference);
        }
    }
}
