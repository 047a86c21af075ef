package dev.uniworld.training.models;

import dev.uniworld.model.config.SamplerConfig;

/**
 * Sampler settings an evaluation puts in place of a checkpoint's own (to measure them on the validation split before
 * one becomes a checkpoint's default). Null leaves the checkpoint's value.
 *
 * @param steps Euler steps of the flow-matching sampler
 * @param cfgScale classifier-free guidance scale; 1 is none, above 1 adds an unconditional pass per step
 */
public record SamplerOverrides(Integer steps, Double cfgScale) {

    /** The checkpoint's own settings. */
    public static final SamplerOverrides NONE = new SamplerOverrides(null, null);

    public SamplerOverrides {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("sampler steps must be >= 1, was " + steps);
        }
        if (cfgScale != null && cfgScale < 1) {
            throw new IllegalArgumentException("cfg scale must be >= 1 (1 = no guidance), was " + cfgScale);
        }
    }

    public SamplerConfig applyTo(SamplerConfig own) {
        SamplerConfig out = steps == null ? own : own.withSteps(steps);
        return cfgScale == null ? out : out.withCfgScale(cfgScale);
    }

    /** How the report names these settings, e.g. "16 steps, cfg scale 2.0"; empty when there are none. */
    public String describe() {
        String s = steps == null ? "" : steps + " sampler steps";
        String c = cfgScale == null ? "" : "cfg scale " + cfgScale;
        return s.isEmpty() || c.isEmpty() ? s + c : s + ", " + c;
    }
}
