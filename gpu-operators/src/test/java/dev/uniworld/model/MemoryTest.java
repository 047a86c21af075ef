package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import org.junit.jupiter.api.Test;

class MemoryTest {

    @Test
    void aThousandForwardPassesLeaveTheLiveArrayCountUnchanged() {
        UniWorldConfig config = TestModels.micro();
        try (UniWorldModel model = UniWorldModel.create(config, 5)) {
            // Given one warm-up pass through every stage
            int[][] ids = {TestModels.prompts(config).build("remove the circle", 1)};
            HostTensor image = TestModels.images(1, config.imageSize(), 1);
            SamplerConfig oneStep = config.sampler().withSteps(1);
            runAllStages(model, ids, image, oneStep);
            int before = model.manager().getManagedArrays().size();
            // When 1000+ forward passes run, 200 through each stage (and 200 short answers)
            for (int i = 0; i < 200; i++) {
                runAllStages(model, ids, image, oneStep);
            }
            // Then
            assertEquals(before, model.manager().getManagedArrays().size());
        }
    }

    private static void runAllStages(UniWorldModel model, int[][] ids, HostTensor image, SamplerConfig sampler) {
        VlmEncoding vlm = model.encodeVlm(ids, image);
        HostTensor siglip = model.encodeSiglip(image);
        FusedContext fused = model.fuse(vlm, siglip, null, null);
        model.decode(model.denoise(fused, null, sampler, new long[] {1}));
        model.chooseTask(vlm);
        model.answer(ids, image, 2);
    }
}
