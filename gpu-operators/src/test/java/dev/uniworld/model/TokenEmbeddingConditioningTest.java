package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.vlm.VlmModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector may read each prompt token's input embedding beside the VLM's last layer. */
class TokenEmbeddingConditioningTest {

    private final UniWorldConfig plain = TestModels.micro();
    private final UniWorldConfig config = plain.withConnector(plain.connector().withTokenEmbeddings(true));

    @TempDir
    Path dir;

    @Test
    void theLastLayerComesFirstAndEachTokensEmbeddingDependsOnThatTokenAlone() {
        try (UniWorldModel model = UniWorldModel.create(config, 4); NDManager sub = model.manager().newSubManager()) {
            VlmModel vlm = model.network().vlm();
            ParameterStore store = new ParameterStore(sub, false);
            int[][] prompts = {ids("draw a red circle"), ids("draw a blue circle")};
            NDArray padded = vlm.padTokenIds(sub, prompts);
            NDArray both = vlm.conditioning(store, padded, null, true, false); // [2, T, 2D]
            int width = config.vlm().hidden();
            long length = padded.getShape().get(1);
            assertArrayEquals(new long[] {2, length, 2L * width}, both.getShape().getShape());
            assertArrayEquals(vlm.forward(store, padded, null, false).toFloatArray(),
                    both.get(":, :, :" + width).toFloatArray(), 1e-6f);
            assertArrayEquals(both.get(":, :, :" + width).toFloatArray(),
                    vlm.conditioning(store, padded, null, false, false).toFloatArray(), 1e-6f);
            // the prompts differ in their colour word only: the embedding halves differ there and nowhere else
            int colour = firstDifference(prompts[0], prompts[1]);
            NDArray embeddings = both.get(":, :, " + width + ":"); // [2, T, D]
            for (int t = 0; t < length; t++) {
                float difference = embeddings.get(0, t).sub(embeddings.get(1, t)).abs().max().getFloat();
                assertEquals(t == colour, difference > 1e-6f, "position " + t + " differs by " + difference);
            }
        }
    }

    @Test
    void theModelDrawsAndChoosesItsTaskThroughTheWiderConnector() {
        try (UniWorldModel model = UniWorldModel.create(config, 4)) {
            int[][] ids = {ids("draw a red circle"), ids("what colour is it")};
            VlmEncoding encoding = model.encodeVlm(ids, null);
            assertEquals(2L * config.vlm().hidden(), encoding.hidden().shape()[2]);
            List<Task> tasks = model.chooseTask(encoding);
            assertEquals(2, tasks.size());
            FusedContext fused = model.fuse(encoding, null, null, null);
            HostTensor image = model.denoise(fused, null, config.sampler(), new long[] {1, 2});
            assertArrayEquals(new long[] {2, 3, 32, 32}, image.shape());
        }
    }

    @Test
    void theSettingRoundTripsAndOlderConfigsReadAsLastLayerOnly() throws IOException {
        try (UniWorldModel original = UniWorldModel.create(config, 4)) {
            original.save(dir);
        }
        assertTrue(CheckpointIo.readConfig(dir).connector().tokenEmbeddings());
        Path file = dir.resolve(CheckpointIo.CONFIG_FILE);
        String json = Files.readString(file);
        String field = ",\n    \"tokenEmbeddings\" : true";
        assertTrue(json.contains(field), json);
        Files.writeString(file, json.replace(field, ""));
        assertFalse(CheckpointIo.readConfig(dir).connector().tokenEmbeddings());
        assertEquals(plain, CheckpointIo.readConfig(dir));
    }

    private int[] ids(String prompt) {
        return TestModels.prompts(config).build(prompt, 0);
    }

    private static int firstDifference(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        throw new IllegalArgumentException("the prompts are equal");
    }
}
