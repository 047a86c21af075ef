package dev.uniworld.training.train;

/**
 * Linear warm-up over the first {@code warmupSteps} steps of a phase (at most a tenth of it), then cosine decay from
 * the peak to a tenth of it at the phase's end; every phase of a {@link Recipe} follows it with its own peak.
 *
 * @param warmupSteps warm-up length for phases of ten times as many steps or more
 */
public record LearningRateSchedule(int warmupSteps) {

    /** Learning rate at {@code step} (0-based) of a phase of {@code total} steps whose peak rate is {@code peak}. */
    public float rate(float peak, int step, int total) {
        int warm = Math.min(warmupSteps, Math.max(1, total / 10));
        if (step < warm) {
            return peak * (step + 1) / warm;
        }
        double progress = (double) (step - warm) / Math.max(1, total - warm);
        return (float) (peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)))));
    }
}
