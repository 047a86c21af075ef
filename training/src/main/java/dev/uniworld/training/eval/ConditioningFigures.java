package dev.uniworld.training.eval;

import java.util.Locale;

/**
 * The figures of a {@link ConditioningProbe}, root mean squares in the model's [-1, 1] pixel units.
 *
 * @param prompt the prompt the figures start from
 * @param other the prompt it was compared with
 * @param seed the input's noise seed (compared with seed + 1)
 * @param contextRms size of the prompt's fused context
 * @param contextDifference how far the other prompt moves the fused context
 * @param sigmas the noise levels the pure-noise input was labelled with
 * @param predictionRms size of the clean-image prediction, per sigma
 * @param promptEffect how far the other prompt moves the prediction, per sigma
 * @param seedEffect how far the next noise seed moves it, per sigma
 * @param patchGain change of one patch's prediction per unit of brightening of that patch in the input, per sigma
 */
public record ConditioningFigures(String prompt, String other, long seed, double contextRms, double contextDifference,
        double[] sigmas, double[] predictionRms, double[] promptEffect, double[] seedEffect, double[] patchGain) {

    /** A table, one column per sigma. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "prompts \"%s\" against \"%s\", noise seed %d against %d%n", prompt,
                other, seed, seed + 1));
        out.append(String.format(Locale.ROOT, "fused context: rms %.4f, moved by the other prompt %.4f%n", contextRms,
                contextDifference));
        out.append("clean-image prediction from pure noise labelled sigma");
        row(out, "sigma", sigmas, "%8.2f");
        row(out, "prediction rms", predictionRms, "%8.4f");
        row(out, "moved by the other prompt", promptEffect, "%8.4f");
        row(out, "moved by the next seed", seedEffect, "%8.4f");
        row(out, "gain of one input patch", patchGain, "%8.3f");
        return out.toString();
    }

    private static void row(StringBuilder out, String label, double[] values, String format) {
        out.append(String.format(Locale.ROOT, "%n  %-28s", label));
        for (double v : values) {
            out.append(String.format(Locale.ROOT, format, v));
        }
    }
}
