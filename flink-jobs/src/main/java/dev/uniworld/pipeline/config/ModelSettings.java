package dev.uniworld.pipeline.config;

import dev.uniworld.model.config.SamplerConfig;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where the model comes from and its serving defaults. Keys are {@code model.<name>}.
 *
 * @param checkpointDir          {@code checkpoint-dir}: directory written by {@code CheckpointIo}, resolved against
 *                               the working directory (default {@code models/uniworld-tiny}). When it does not exist
 *                               the pipeline serves the fallback preset with seeded random weights and says so in the
 *                               log and in every result's modelVersion; when it exists but cannot be loaded the job
 *                               fails at start
 * @param fallbackPreset         {@code fallback-preset}: preset served without a checkpoint (default tiny)
 * @param fallbackSeed           {@code fallback-seed}: seed of the fallback's weights (default 42)
 * @param defaultSteps           {@code default-steps}: sampler steps when a request leaves them null; 0 uses the
 *                               model config's default (default 0)
 * @param cfgScale               {@code cfg-scale}: classifier-free guidance scale of every image request; 0 uses
 *                               the model config's own pair (the shipped model's: 6 for prompts alone, 1, off, for
 *                               requests with images). For a request whose kind is guided the fusion stage also
 *                               fuses its unconditional context (its images without the instruction) and the DiT runs
 *                               a second pass per step; guided requests batch apart from the others (default 0)
 * @param defaultMaxAnswerTokens {@code max-answer-tokens}: text answer limit when a request leaves it null (default 8;
 *                               ShapesWorld answers are one to three words)
 * @param maxImagePixels         {@code max-image-pixels}: largest input image accepted, width x height (default 4 MP)
 * @param maxOutputSide          {@code max-output-side}: largest width or height a request may ask for (default 1024)
 */
public record ModelSettings(String checkpointDir, String fallbackPreset, long fallbackSeed, int defaultSteps,
        double cfgScale, int defaultMaxAnswerTokens, long maxImagePixels, int maxOutputSide) implements Serializable {

    public static final String DEFAULT_CHECKPOINT_DIR = "models/uniworld-tiny";

    public ModelSettings {
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(fallbackPreset, "fallbackPreset");
        if (defaultSteps < 0 || defaultMaxAnswerTokens < 1 || maxImagePixels < 1 || maxOutputSide < 1) {
            throw new IllegalArgumentException("default-steps >= 0, max-answer-tokens, max-image-pixels and "
                    + "max-output-side >= 1 required");
        }
        if (!(cfgScale == 0 || cfgScale >= 1) || Double.isInfinite(cfgScale)) {
            throw new IllegalArgumentException("cfg-scale must be 0 (the model's own) or a finite number >= 1, was "
                    + cfgScale);
        }
    }

    public static ModelSettings defaults() {
        return new ModelSettings(DEFAULT_CHECKPOINT_DIR, "tiny", 42, 0, 0, 8, 4L << 20, 1024);
    }

    public ModelSettings withCheckpointDir(String dir) {
        return new ModelSettings(dir, fallbackPreset, fallbackSeed, defaultSteps, cfgScale, defaultMaxAnswerTokens,
                maxImagePixels, maxOutputSide);
    }

    public ModelSettings withDefaultSteps(int steps) {
        return new ModelSettings(checkpointDir, fallbackPreset, fallbackSeed, steps, cfgScale, defaultMaxAnswerTokens,
                maxImagePixels, maxOutputSide);
    }

    public ModelSettings withCfgScale(double scale) {
        return new ModelSettings(checkpointDir, fallbackPreset, fallbackSeed, defaultSteps, scale,
                defaultMaxAnswerTokens, maxImagePixels, maxOutputSide);
    }

    /** The model's sampler with the CFG scales served: this setting for every request, or the model's own when 0. */
    public SamplerConfig servedGuidance(SamplerConfig modelDefaults) {
        return cfgScale > 0 ? modelDefaults.withCfgScale(cfgScale) : modelDefaults;
    }
}
