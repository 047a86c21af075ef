package dev.uniworld.training.models;

import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what a user passes as {@code --model} into a {@link VisualModel}: one of the built-in baselines by name (and
 * {@code blurred-truth:R}, the ground truth under a box blur of radius R, and {@code siglip-readout:DIR}, a
 * checkpoint's SigLIP tokens read back into pixels), or a checkpoint path opened by the first registered
 * {@link VisualModelProvider} that supports it. This is the one place where checkpoints are mapped to model adapters.
 */
public final class ModelResolver {

    public static final String GROUND_TRUTH = "ground-truth";
    public static final String IDENTITY = "identity";
    public static final String NOISE = "noise";
    public static final String QUESTION_ONLY = "question-only";
    public static final List<String> BUILT_IN = List.of(GROUND_TRUTH, IDENTITY, NOISE, QUESTION_ONLY);
    /** Every built-in name for error messages, the parameterised blur included. */
    private static final String BUILT_IN_NAMES = BUILT_IN + ", " + BlurredTruthModel.PREFIX + "R, "
            + SiglipReadoutModel.PREFIX + "DIR";

    private final RenderConfig render;
    private final List<TaskSample> evaluationSamples;
    private final ServiceLoader<VisualModelProvider> providers;
    private final SamplerOverrides sampler;

    /** @param evaluationSamples what the ground-truth model must know: the samples about to be evaluated */
    public ModelResolver(RenderConfig render, List<TaskSample> evaluationSamples) {
        this(render, evaluationSamples, SamplerOverrides.NONE);
    }

    /** @param sampler sampler settings that replace a checkpoint's own */
    public ModelResolver(RenderConfig render, List<TaskSample> evaluationSamples, SamplerOverrides sampler) {
        this.render = render;
        this.evaluationSamples = List.copyOf(evaluationSamples);
        this.providers = ServiceLoader.load(VisualModelProvider.class);
        this.sampler = sampler;
    }

    public VisualModel resolve(String model) throws IOException {
        switch (model) {
            case GROUND_TRUTH:
                return new GroundTruthModel(evaluationSamples);
            case IDENTITY:
                return new IdentityModel(render);
            case NOISE:
                return new NoiseModel(render);
            case QUESTION_ONLY:
                return new QuestionOnlyModel(new TaskGenerator(new TaskConfig(render, Set.of())),
                        QuestionOnlyModel.DEFAULT_PER_CATEGORY);
            default:
                if (model.startsWith(BlurredTruthModel.PREFIX)) {
                    return new BlurredTruthModel(new GroundTruthModel(evaluationSamples), blurRadius(model));
                }
                if (model.startsWith(SiglipReadoutModel.PREFIX)) {
                    return new SiglipReadoutModel(existingCheckpoint(model, SiglipReadoutModel.PREFIX), render);
                }
                return openCheckpoint(Path.of(model));
        }
    }

    private static int blurRadius(String model) {
        String radius = model.substring(BlurredTruthModel.PREFIX.length());
        try {
            return Integer.parseInt(radius);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--model " + model + ": the blur radius must be a whole number of "
                    + "pixels, was '" + radius + "'");
        }
    }

    /** The checkpoint directory after a prefix, refused with the option's name when it holds no config. */
    private static Path existingCheckpoint(String model, String prefix) {
        Path checkpoint = Path.of(model.substring(prefix.length()));
        if (!Files.isRegularFile(checkpoint.resolve(CheckpointIo.CONFIG_FILE))) {
            throw new IllegalArgumentException("--model " + model + ": no checkpoint at '" + checkpoint + "' (it lacks "
                    + CheckpointIo.CONFIG_FILE + ")");
        }
        return checkpoint;
    }

    private VisualModel openCheckpoint(Path checkpoint) throws IOException {
        if (!Files.exists(checkpoint)) {
            throw new IllegalArgumentException("unknown model '" + checkpoint + "': neither a built-in model "
                    + BUILT_IN_NAMES + " nor an existing checkpoint path");
        }
        for (VisualModelProvider provider : providers) {
            if (provider.supports(checkpoint)) {
                return provider.open(checkpoint, sampler);
            }
        }
        List<String> missing = Stream.of(CheckpointIo.CONFIG_FILE, CheckpointIo.WEIGHTS_FILE)
                .filter(file -> !Files.isRegularFile(checkpoint.resolve(file))).toList();
        throw new IllegalArgumentException("--model " + checkpoint + ": not a checkpoint"
                + (missing.isEmpty() ? "" : " (it lacks " + String.join(" and ", missing) + ")")
                + "; built-in models: " + BUILT_IN_NAMES);
    }
}
