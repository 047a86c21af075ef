package dev.uniworld.model.config;

/**
 * Rectified-flow Euler sampling, validated on construction. A checkpoint whose config lacks a fresh-noise share gets 0
 * for it (Euler steps); one that lacks a reference CFG scale (read as 0) gets its CFG scale for every sample, as before
 * the two were told apart.
 *
 * @param steps Euler steps (FLUX.1-dev default: 28)
 * @param guidance distilled guidance fed to the DiT's guidance embedding (FLUX.1-dev: 3.5); ignored when the DiT has
 *     none
 * @param cfgScale classifier-free guidance scale of samples drawn from a prompt alone; 1 disables it for them, above 1
 *     needs an unconditional context and costs a second DiT pass per guided step (for the whole batch it is in)
 * @param resolutionShift whether sigmas are shifted towards noise for larger images (FLUX's time shift)
 * @param baseShift shift exponent mu at {@code baseSeqLen} image tokens (FLUX: 0.5)
 * @param maxShift shift exponent mu at {@code maxSeqLen} image tokens (FLUX: 1.15)
 * @param baseSeqLen image tokens where mu = baseShift (FLUX: 256)
 * @param maxSeqLen image tokens where mu = maxShift (FLUX: 4096)
 * @param freshNoise share of the noise variance that each step but the last draws afresh (seeded per sample and
 *     step) instead of taking it from the step's own estimate, for samples drawn from a prompt alone; 0 (FLUX's) is
 *     the plain Euler step, 1 re-noises the predicted clean image with new noise only
 * @param referenceFreshNoise the same share for samples conditioned on reference images (edits, perception)
 * @param referenceCfgScale the CFG scale of samples conditioned on reference images; guidance that makes a prompt
 *     alone draw what it names can pull an edit away from its input, so the two are chosen apart; 0 means
 *     {@code cfgScale}
 * @param cfgSigmaMin the lowest noise level a step is guided at; steps below it take the conditional velocity alone
 *     and skip the unconditional pass (0, as in configs without the field: every step)
 * @param cfgSigmaMax the highest noise level a step is guided at (0, as in configs without the field, means 1: every
 *     step); guidance only over part of the noise levels is Kynkaanniemi et al.'s guidance interval (2024)
 */
public record SamplerConfig(int steps, double guidance, double cfgScale, boolean resolutionShift, double baseShift,
        double maxShift, int baseSeqLen, int maxSeqLen, double freshNoise, double referenceFreshNoise,
        double referenceCfgScale, double cfgSigmaMin, double cfgSigmaMax) {

    public SamplerConfig {
        Checks.positive("steps", steps);
        Checks.nonNegative("guidance", guidance);
        Checks.require(cfgScale >= 1, "cfgScale must be >= 1 (1 disables classifier-free guidance), was " + cfgScale);
        if (referenceCfgScale == 0) {
            referenceCfgScale = cfgScale;
        }
        Checks.require(referenceCfgScale >= 1, "referenceCfgScale must be >= 1 (1 disables classifier-free guidance) "
                + "or 0 (the cfgScale), was " + referenceCfgScale);
        Checks.positive("baseSeqLen", baseSeqLen);
        Checks.require(maxSeqLen > baseSeqLen, "maxSeqLen must exceed baseSeqLen");
        requireShare("freshNoise", freshNoise);
        requireShare("referenceFreshNoise", referenceFreshNoise);
        if (cfgSigmaMax == 0) {
            cfgSigmaMax = 1;
        }
        Checks.require(cfgSigmaMin >= 0 && cfgSigmaMin <= cfgSigmaMax && cfgSigmaMax <= 1, "the guidance interval "
                + "must satisfy 0 <= cfgSigmaMin <= cfgSigmaMax <= 1 (cfgSigmaMax 0 means 1), was [" + cfgSigmaMin
                + ", " + cfgSigmaMax + "]");
    }

    /**
     * FLUX.1-dev's defaults: 28 steps, guidance 3.5, no CFG, shift 0.5 -> 1.15 over 256 -> 4096 tokens, Euler steps.
     */
    public static SamplerConfig fluxDefaults() {
        return new SamplerConfig(28, 3.5, 1.0, true, 0.5, 1.15, 256, 4096, 0, 0, 1.0, 0, 1);
    }

    public SamplerConfig withSteps(int newSteps) {
        return new SamplerConfig(newSteps, guidance, cfgScale, resolutionShift, baseShift, maxShift, baseSeqLen,
                maxSeqLen, freshNoise, referenceFreshNoise, referenceCfgScale, cfgSigmaMin, cfgSigmaMax);
    }

    /** Another distilled guidance for the DiT's guidance embedding. */
    public SamplerConfig withGuidance(double newGuidance) {
        return new SamplerConfig(steps, newGuidance, cfgScale, resolutionShift, baseShift, maxShift, baseSeqLen,
                maxSeqLen, freshNoise, referenceFreshNoise, referenceCfgScale, cfgSigmaMin, cfgSigmaMax);
    }

    /** One CFG scale for every sample, with or without reference images. */
    public SamplerConfig withCfgScale(double newScale) {
        return withCfgScales(newScale, newScale);
    }

    /**
     * The CFG scale of samples drawn from a prompt alone, and that of samples with reference images (0 for the
     * latter means the former).
     */
    public SamplerConfig withCfgScales(double promptScale, double referenceScale) {
        return new SamplerConfig(steps, guidance, promptScale, resolutionShift, baseShift, maxShift, baseSeqLen,
                maxSeqLen, freshNoise, referenceFreshNoise, referenceScale, cfgSigmaMin, cfgSigmaMax);
    }

    /** Guidance only at steps whose noise level lies in [min, max] (max 0 means 1). */
    public SamplerConfig withCfgInterval(double min, double max) {
        return new SamplerConfig(steps, guidance, cfgScale, resolutionShift, baseShift, maxShift, baseSeqLen,
                maxSeqLen, freshNoise, referenceFreshNoise, referenceCfgScale, min, max);
    }

    public SamplerConfig withFreshNoise(double share, double referenceShare) {
        return new SamplerConfig(steps, guidance, cfgScale, resolutionShift, baseShift, maxShift, baseSeqLen,
                maxSeqLen, share, referenceShare, referenceCfgScale, cfgSigmaMin, cfgSigmaMax);
    }

    /**
     * The one check of a fresh-noise share, for the config, for what overrides it and for each sample's share in a
     * step.
     */
    public static void requireShare(String name, double share) {
        Checks.require(share >= 0 && share <= 1, name + " must be in [0, 1] (0 = Euler steps), was " + share);
    }

    /** Whether any step draws fresh noise, for some sample. */
    public boolean drawsFreshNoise() {
        return freshNoise > 0 || referenceFreshNoise > 0;
    }

    /** The fresh-noise share of a sample with or without reference images. */
    public double freshNoiseFor(boolean withReferences) {
        return withReferences ? referenceFreshNoise : freshNoise;
    }

    /** Whether a step at this noise level is guided (for samples whose scale is above 1). */
    public boolean guidesAt(double sigma) {
        return sigma >= cfgSigmaMin && sigma <= cfgSigmaMax;
    }

    /** The CFG scale of a sample with or without reference images. */
    public double cfgScaleFor(boolean withReferences) {
        return withReferences ? referenceCfgScale : cfgScale;
    }
}
