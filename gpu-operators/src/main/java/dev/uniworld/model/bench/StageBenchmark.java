package dev.uniworld.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.config.FlopCounts;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Prints, per stage and batch size 1, 4 and 16: time per sample, analytic forward FLOPs per sample, achieved GFLOP/s,
 * and that rate as a fraction of a plain float32 matMul measured in the same run on the same device (the ceiling DJL
 * reaches here). Edit requests: one instruction plus one reference image per sample.
 *
 * <p>Usage: {@code StageBenchmark [preset] [seconds per measurement]}, defaults tiny and 1.5.
 */
public final class StageBenchmark {

    private static final int[] BATCHES = {1, 4, 16};
    private static final String INSTRUCTION = "replace the red circle in the middle with a small blue square";

    private final UniWorldModel model;
    private final UniWorldConfig config;
    private final double seconds;

    private StageBenchmark(UniWorldModel model, double seconds) {
        this.model = model;
        this.config = model.config();
        this.seconds = seconds;
    }

    public static void main(String[] args) {
        UniWorldConfig preset;
        double seconds;
        try {
            preset = Presets.get(args.length > 0 ? args[0] : Presets.TINY);
            seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.5;
        } catch (IllegalArgumentException e) { // an unknown preset, or a number that is not one
            // A command-line mistake: say which argument, not a stack trace.
            System.err.println("bench: " + e.getMessage() + " (usage: [preset] [seconds per case])");
            System.exit(2);
            return;
        }
        try (UniWorldModel model = UniWorldModel.create(preset, 0)) {
            new StageBenchmark(model, seconds).run();
        }
    }

    private void run() {
        double peak = matMulPeak();
        System.out.printf(Locale.ROOT, "preset %s on %s, %d threads; matMul peak %.1f GFLOP/s (1024x1024 float32)%n%n",
                config.name(), model.device(), Runtime.getRuntime().availableProcessors(), peak / 1e9);
        System.out.println("| stage | batch | ms / sample | GFLOP / sample | GFLOP/s | of matMul peak |");
        System.out.println("|---|---|---|---|---|---|");
        PromptBuilder prompts = new PromptBuilder(WordTokenizer.tinyVocabulary(), config.vlm().tokensPerImage());
        int[] prompt = prompts.build(INSTRUCTION, 1);
        int contextTokens = prompt.length + config.siglip().tokens();
        SamplerConfig oneStep = config.sampler().withSteps(1);
        SamplerConfig full = config.sampler();
        for (int batch : BATCHES) {
            int[][] ids = new int[batch][];
            Arrays.fill(ids, prompt);
            HostTensor vlmImages = images(batch, config.vlm().vision().imageSize());
            HostTensor siglipImages = images(batch, config.siglip().imageSize());
            VlmEncoding vlm = model.encodeVlm(ids, vlmImages);
            HostTensor siglip = model.encodeSiglip(siglipImages);
            FusedContext fused = model.fuse(vlm, siglip, null, null);
            long[] seeds = new long[batch];
            HostTensor latents = model.denoise(fused, null, oneStep, seeds);
            double ditStep = FlopCounts.ditStep(config, contextTokens);
            row("vlm encode", batch, FlopCounts.vlm(config.vlm(), prompt.length, 1), peak,
                    () -> model.encodeVlm(ids, vlmImages));
            row("siglip encode", batch, FlopCounts.vit(config.siglip()), peak, () -> model.encodeSiglip(siglipImages));
            row("fusion", batch, FlopCounts.fusion(config, prompt.length, 1), peak,
                    () -> model.fuse(vlm, siglip, null, null));
            row("dit, 1 step", batch, ditStep, peak, () -> model.denoise(fused, null, oneStep, seeds));
            row("denoise, " + full.steps() + " steps", batch, ditStep * full.steps(), peak,
                    () -> model.denoise(fused, null, full, seeds));
            row("decode", batch, 0, peak, () -> model.decode(latents));
        }
    }

    private void row(String stage, int batch, double flopsPerSample, double peak, Supplier<?> work) {
        double perSample = medianSeconds(work) / batch;
        double rate = flopsPerSample / perSample;
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.4f | %.1f | %.2f |%n", stage, batch, perSample * 1e3,
                flopsPerSample / 1e9, rate / 1e9, rate / peak);
    }

    /** Median wall time of repeated runs after two warm-ups, over about {@code seconds}. */
    private double medianSeconds(Supplier<?> work) {
        work.get();
        work.get();
        double[] times = new double[200];
        int runs = 0;
        long start = System.nanoTime();
        while (runs < times.length && (runs < 3 || System.nanoTime() - start < seconds * 1e9)) {
            long t0 = System.nanoTime();
            work.get();
            times[runs++] = (System.nanoTime() - t0) / 1e9;
        }
        double[] measured = Arrays.copyOf(times, runs);
        Arrays.sort(measured);
        return measured[runs / 2];
    }

    /** Best-of float32 matMul rate on the model's device, FLOP/s. */
    private double matMulPeak() {
        int n = 1024;
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray a = manager.randomNormal(new Shape(n, n));
            NDArray b = manager.randomNormal(new Shape(n, n));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 12; i++) {
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray a2 = a.duplicate();
                    a2.attach(scratch);
                    long t0 = System.nanoTime();
                    a2.matMul(b).toFloatArray();
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
            return 2.0 * n * n * n / best;
        }
    }

    private static HostTensor images(int n, int side) {
        SplittableRandom random = new SplittableRandom(n);
        float[] data = new float[n * 3 * side * side];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return new HostTensor(data, new long[] {n, 3, side, side});
    }
}
