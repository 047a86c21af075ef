package dev.uniworld.cli;

import dev.uniworld.events.GenerationParameters;
import picocli.CommandLine.Option;

/** Sampling and output settings shared by {@code submit} and {@code batch}; unset means the model's default. */
public final class SamplingOptions {

    @Option(names = "--steps", description = "Sampler steps (default: the model's).")
    Integer steps;

    @Option(names = "--guidance", description = "Guidance scale (default: the model's).")
    Float guidance;

    @Option(names = "--seed", description = "Noise seed (default: derived from the request id).")
    Long seed;

    @Option(names = "--width", description = "Output width in pixels (default: the model's).")
    Integer width;

    @Option(names = "--height", description = "Output height in pixels (default: the model's).")
    Integer height;

    @Option(names = "--max-tokens", description = "Longest text answer in tokens (default: the model's).")
    Integer maxTokens;

    GenerationParameters parameters() {
        return GenerationParameters.newBuilder().setSteps(steps).setGuidance(guidance).setSeed(seed).setWidth(width)
                .setHeight(height).setMaxAnswerTokens(maxTokens).build();
    }
}
