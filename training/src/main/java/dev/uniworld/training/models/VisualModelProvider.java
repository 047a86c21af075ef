package dev.uniworld.training.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens checkpoints as {@link VisualModel}s. Adapters for real checkpoints (the UniWorld model of gpu-operators)
 * register an implementation in {@code META-INF/services/dev.uniworld.training.models.VisualModelProvider};
 * {@link ModelResolver} asks each registered provider in turn.
 */
public interface VisualModelProvider {

    /** Whether this provider can open the checkpoint (by its layout or metadata, without loading weights). */
    boolean supports(Path checkpoint);

    /** Loads the checkpoint; the caller closes the model. */
    VisualModel open(Path checkpoint) throws IOException;

    /** Loads the checkpoint with some of its sampler settings replaced; checkpoints without a sampler ignore them. */
    default VisualModel open(Path checkpoint, SamplerOverrides overrides) throws IOException {
        return open(checkpoint);
    }
}
