package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.RenderConfig;
import java.util.Set;

/**
 * How tasks are generated.
 *
 * @param render  image resolution; default {@link RenderConfig#DEFAULT} (64x64)
 * @param heldOut colour-shape pairs that never appear, in scenes or in prompts, in the train and validation splits;
 *                the test split still contains them. Default: none
 */
public record TaskConfig(RenderConfig render, Set<HeldOutPair> heldOut) {

    public static final TaskConfig DEFAULT = new TaskConfig(RenderConfig.DEFAULT, Set.of());

    public TaskConfig {
        heldOut = Set.copyOf(heldOut);
    }

    public TaskConfig withHeldOut(Set<HeldOutPair> pairs) {
        return new TaskConfig(render, pairs);
    }
}
