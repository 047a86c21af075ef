package dev.uniworld.training.models;

import dev.uniworld.model.config.SamplerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Sampler settings an evaluation puts in place of a checkpoint's own (to measure them on the validation split before
 * one becomes a checkpoint's default). Null leaves the checkpoint's value.
 *
 * @param steps Euler steps of the flow-matching sampler
 * @param cfgScale classifier-free guidance scale of every sample, with or without images; 1 is none, above 1 adds an
 *     unconditional pass per step
 * @param freshNoise share of each step's noise drawn afresh, in [0, 1], for prompts alone; 0 is the Euler step
 * @param referenceFreshNoise the same for samples with reference images (edits, perception)
 */
public record SamplerOverrides(Integer steps, Double cfgScale, Double freshNoise, Double referenceFreshNoise) {

    /** The checkpoint's own settings. */
    public static final SamplerOverrides NONE = new SamplerOverrides(null, null, null, null);

    public SamplerOverrides {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("sampler steps must be >= 1, was " + steps);
        }
        if (cfgScale != null && cfgScale < 1) {
            throw new IllegalArgumentException("cfg scale must be >= 1 (1 = no guidance), was " + cfgScale);
        }
        if (freshNoise != null) {
            SamplerConfig.requireShare("fresh noise", freshNoise);
        }
        if (referenceFreshNoise != null) {
            SamplerConfig.requireShare("reference fresh noise", referenceFreshNoise);
        }
    }

    public SamplerConfig applyTo(SamplerConfig own) {
        SamplerConfig out = steps == null ? own : own.withSteps(steps);
        out = cfgScale == null ? out : out.withCfgScale(cfgScale);
        return freshNoise == null && referenceFreshNoise == null ? out
                : out.withFreshNoise(freshNoise == null ? out.freshNoise() : freshNoise,
                        referenceFreshNoise == null ? out.referenceFreshNoise() : referenceFreshNoise);
    }

    /** How the report names these settings, e.g. "16 sampler steps, cfg scale 2.0"; empty when there are none. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (steps != null) {
            parts.add(steps + " sampler steps");
        }
        if (cfgScale != null) {
            parts.add("cfg scale " + cfgScale);
        }
        if (freshNoise != null) {
            parts.add("fresh noise " + freshNoise);
        }
        if (referenceFreshNoise != null) {
            parts.add("reference fresh noise " + referenceFreshNoise);
        }
        return String.join(", ", parts);
    }
}
