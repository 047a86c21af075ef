package dev.uniworld.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.pipeline.config.ModelSettings;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the weights come from: a checkpoint, the seeded fallback, or a clear refusal. */
class LoadedModelTest {

    @TempDir
    Path dir;

    @Test
    void withoutACheckpointTheSeededTinyModelServesAndSaysSo() {
        ModelSettings settings = ModelSettings.defaults().withCheckpointDir(dir.resolve("absent").toString());
        try (LoadedModel model = LoadedModel.open(settings, Stage.VLM, Device.cpu())) {
            assertEquals("uniworld-tiny", model.modelId());
            assertEquals("random-seed-42", model.modelVersion());
        }
    }

    @Test
    void aCheckpointLoadsWithItsDigestsAsVersion() throws Exception {
        Path checkpoint = saveTiny("uniworld-tiny");
        try (LoadedModel model = LoadedModel.open(ModelSettings.defaults().withCheckpointDir(checkpoint.toString()),
                Stage.DIT, Device.cpu())) {
            assertEquals("uniworld-tiny", model.modelId());
            String weights = Files.readString(checkpoint.resolve(CheckpointIo.DIGEST_FILE)).substring(0, 12);
            assertTrue(model.modelVersion().matches(weights + "-[0-9a-f]{6}"), model.modelVersion());
        }
    }

    @Test
    void aCorruptedCheckpointIsRefusedWithItsReason() throws Exception {
        // Given: one flipped byte in the weights
        Path checkpoint = saveTiny("broken");
        try (RandomAccessFile weights = new RandomAccessFile(checkpoint.resolve("model.safetensors").toFile(), "rw")) {
            weights.seek(weights.length() - 10);
            int b = weights.read();
            weights.seek(weights.length() - 10);
            weights.write(b ^ 0xFF);
        }
        ModelSettings settings = ModelSettings.defaults().withCheckpointDir(checkpoint.toString());
        // When / Then: the submission-time check and the operator's open() both refuse it
        var verify = assertThrows(LoadedModel.ModelLoadException.class, () -> LoadedModel.verify(settings));
        assertTrue(verify.getMessage().contains("corrupted"), verify.getMessage());
        var open = assertThrows(LoadedModel.ModelLoadException.class,
                () -> LoadedModel.open(settings, Stage.DECODE, Device.cpu()));
        assertTrue(open.getMessage().contains(checkpoint.toAbsolutePath().toString()), open.getMessage());
    }

    @Test
    void aDescribingCheckpointWhoseVocabularyLacksItsSeparatorIsRefusedOnLoading() throws Exception {
        Path checkpoint = dir.resolve("describing");
        UniWorldConfig config = Presets.tiny().withVlm(Presets.tiny().vlm().withDescribesFirst(true));
        try (UniWorldModel model = UniWorldModel.create(config, 42)) {
            model.save(checkpoint);
        }
        new WordTokenizer(List.of("red", "circle")).save(checkpoint.resolve(WordTokenizer.CHECKPOINT_FILE));
        ModelSettings settings = ModelSettings.defaults().withCheckpointDir(checkpoint.toString());
        var verify = assertThrows(LoadedModel.ModelLoadException.class, () -> LoadedModel.verify(settings));
        assertTrue(verify.getMessage().contains("needs '.' in its vocabulary"), verify.getMessage());
        assertThrows(LoadedModel.ModelLoadException.class, () -> LoadedModel.open(settings, Stage.VLM, Device.cpu()));
    }

    private Path saveTiny(String name) throws Exception {
        Path checkpoint = dir.resolve(name);
        try (UniWorldModel model = UniWorldModel.create(Presets.tiny(), 42)) {
            model.save(checkpoint);
        }
        return checkpoint;
    }
}
