package dev.uniworld.training.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {

    private final List<TaskSample> samples = new TaskGenerator(TaskConfig.DEFAULT).testSet(4);
    private final ModelResolver resolver = new ModelResolver(RenderConfig.DEFAULT, samples);

    @Test
    void resolvesTheBuiltInModelsByName() throws IOException {
        for (String name : ModelResolver.BUILT_IN) {
            try (VisualModel model = resolver.resolve(name)) {
                assertEquals(name, model.name());
            }
        }
    }

    @Test
    void explainsWhyAnUnknownNameOrUnsupportedCheckpointCannotBeLoaded(@TempDir Path dir) throws IOException {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(dir.resolve("missing.ckpt").toString()));
        assertTrue(unknown.getMessage().contains("neither a built-in model"), unknown.getMessage());
        Path checkpoint = Files.writeString(dir.resolve("tiny.ckpt"), "weights");
        IllegalArgumentException unsupported = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(checkpoint.toString()));
        assertTrue(unsupported.getMessage().startsWith("checkpoint loading not available"), unsupported.getMessage());
    }

    @Test
    void groundTruthRefusesRequestsItWasNotBuiltFrom() {
        GroundTruthModel model = new GroundTruthModel(samples);
        assertThrows(IllegalArgumentException.class, () -> model.answer("how many shapes are there?", List.of()));
    }
}
