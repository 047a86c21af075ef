package dev.uniworld.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.connector.ContextFusion;
import dev.uniworld.model.dit.DitModel;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import java.util.List;

/**
 * The DiT stage: seeded noise, then the sampler's steps with the DiT's velocity, optionally with CFG; Euler steps, or
 * steps that draw part of their noise afresh where the settings give the sample a fresh-noise share.
 */
final class DenoiseLoop {

    private final DitModel dit;
    private final UniWorldConfig config;
    private final NDManager manager;

    DenoiseLoop(DitModel dit, UniWorldConfig config, NDManager manager) {
        this.dit = dit;
        this.config = config;
        this.manager = manager;
    }

    HostTensor run(FusedContext context, FusedContext unconditional, SamplerConfig settings, long[] seeds) {
        // Step 1: check inputs
        int batch = context.batchSize();
        if (seeds.length != batch) {
            throw new IllegalArgumentException(batch + " samples need " + batch + " seeds, got " + seeds.length);
        }
        // Each sample's CFG scale follows whether it has references; one guided sample guides the whole batch (its
        // unguided samples get scale 1, which returns their conditional velocity)
        double[] scales = new double[batch];
        boolean cfg = false;
        for (int b = 0; b < batch; b++) {
            scales[b] = settings.cfgScaleFor(context.referenceStarts()[b].length > 0);
            cfg |= scales[b] > 1;
        }
        if (cfg && (unconditional == null || unconditional.batchSize() != batch)) {
            throw new IllegalArgumentException("CFG scales " + settings.cfgScale() + " (prompts alone) and "
                    + settings.referenceCfgScale() + " (with references) need an unconditional context per sample");
        }
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(settings, config.imageTokens());
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            // Step 2: conditioning on the device; with CFG the unconditional rows follow the conditional ones
            Conditioning conditional = Conditioning.of(sub, context);
            Conditioning both = cfg ? Conditioning.of(sub, FusedContext.batch(List.of(context, unconditional)))
                    : conditional;
            // Step 3: seeded noise at sigma = 1; each sample's fresh-noise share follows whether it has references
            double[] shares = new double[batch];
            for (int b = 0; b < batch; b++) {
                shares[b] = settings.freshNoiseFor(context.referenceStarts()[b].length > 0);
            }
            NDArray x = startingNoise(sub, seeds); // [B, C, h, w]
            // Step 4: steps from sigma = 1 to 0
            for (int i = 0; i < sampler.steps(); i++) {
                try (NDManager step = sub.newSubManager()) {
                    // outside the guidance interval the step takes the conditional velocity alone, in one pass
                    boolean guided = cfg && settings.guidesAt(sampler.sigma(i));
                    Conditioning c = guided ? both : conditional;
                    int rows = c.rows();
                    NDArray input = guided ? x.concat(x, 0) : x; // [R, C, h, w], R = B or 2B
                    NDArray sigma = step.full(new Shape(rows), (float) sampler.sigma(i)); // [R]
                    NDArray guidance = dit.config().guidanceEmbed()
                            ? step.full(new Shape(rows), (float) settings.guidance()) : null; // [R]
                    NDArray velocity = dit.forward(store, input, sigma, c.context(), c.keep(), c.pooled(), guidance,
                            c.referenceStarts(), false);
                    if (guided) {
                        NDList halves = velocity.split(2, 0); // conditional, unconditional: [B, C, h, w]
                        velocity = sampler.guide(halves.get(0), halves.get(1), scales);
                    }
                    NDArray next = sampler.drawsFreshNoise(i)
                            ? sampler.stochasticStep(velocity, i, x, stepNoise(step, seeds, i), shares)
                            : sampler.step(velocity, i, x); // [B, C, h, w]
                    next.attach(sub);
                    x.close();
                    x = next;
                }
            }
            return HostTensor.of(x);
        }
    }

    /**
     * Fused context rows on the device.
     *
     * @param context [R, L, C]
     * @param keep [R, L] which context tokens are real
     * @param pooled [R, C]
     * @param referenceStarts per row, where each reference image's tokens start
     */
    private record Conditioning(NDArray context, NDArray keep, NDArray pooled, int[][] referenceStarts) {

        static Conditioning of(NDManager manager, FusedContext fused) {
            NDArray context = fused.context().toNDArray(manager);
            NDArray keep = ContextFusion.lengthMask(manager, fused.lengths(), Math.toIntExact(context.getShape()
                    .get(1)));
            return new Conditioning(context, keep, fused.pooled().toNDArray(manager), fused.referenceStarts());
        }

        int rows() {
            return referenceStarts.length;
        }
    }

    /** One seed per sample: [B, C, h, w] standard normal at sigma = 1, drawn on the host. */
    private NDArray startingNoise(NDManager sub, long[] seeds) {
        return perSample(sub, seeds, FlowMatchEulerSampler::noise);
    }

    /** The fresh noise of step t, [B, C, h, w], from each sample's seed. */
    private NDArray stepNoise(NDManager sub, long[] seeds, int step) {
        return perSample(sub, seeds, (seed, count) -> FlowMatchEulerSampler.stepNoise(seed, step, count));
    }

    private NDArray perSample(NDManager sub, long[] seeds, SeededNoise draw) {
        int side = config.latentSize();
        int perSample = config.latent().channels() * side * side;
        float[] all = new float[seeds.length * perSample];
        for (int b = 0; b < seeds.length; b++) {
            System.arraycopy(draw.values(seeds[b], perSample), 0, all, b * perSample, perSample);
        }
        return sub.create(all, new Shape(seeds.length, config.latent().channels(), side, side));
    }

    /** count standard normal values from a sample's seed. */
    @FunctionalInterface
    private interface SeededNoise {
        float[] values(long seed, int count);
    }
}
