package dev.uniworld.training.models;

import dev.uniworld.model.checkpoint.CheckpointIo;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens UniWorld checkpoint directories (config.json + model.safetensors) for evaluation. */
public final class UniWorldCheckpointProvider implements VisualModelProvider {

    @Override
    public boolean supports(Path checkpoint) {
        return Files.isRegularFile(checkpoint.resolve(CheckpointIo.CONFIG_FILE))
                && Files.isRegularFile(checkpoint.resolve(CheckpointIo.WEIGHTS_FILE));
    }

    @Override
    public VisualModel open(Path checkpoint) {
        return new UniWorldCheckpointModel(checkpoint, SamplerOverrides.NONE);
    }

    @Override
    public VisualModel open(Path checkpoint, SamplerOverrides overrides) {
        return new UniWorldCheckpointModel(checkpoint, overrides);
    }
}
