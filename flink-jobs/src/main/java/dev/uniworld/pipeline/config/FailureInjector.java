package dev.uniworld.pipeline.config;

import java.io.Serializable;

/**
 * Test-only failure hook, carried as a configuration value (never a mutable static): the stage throws before its
 * {@code afterBatches}-th batch of each of the first {@code failingAttempts} task attempts. Keying on Flink's attempt
 * number makes "fail a few times, then recover" deterministic across restarts, which reset every field of the
 * operator.
 *
 * @param failingAttempts attempts that fail (0 disables the hook, the default)
 * @param afterBatches    batches an attempt completes before it fails
 */
public record FailureInjector(int failingAttempts, int afterBatches) implements Serializable {

    public static final FailureInjector NONE = new FailureInjector(0, 0);

    public FailureInjector {
        if (failingAttempts < 0 || afterBatches < 0) {
            throw new IllegalArgumentException("failingAttempts and afterBatches must be >= 0");
        }
    }

    /** Throws {@link InjectedFailure} when this batch of this attempt is one that must fail. */
    public void beforeBatch(String stage, int attemptNumber, int completedBatches) {
        if (attemptNumber < failingAttempts && completedBatches == afterBatches) {
            throw new InjectedFailure("injected failure in stage " + stage + ", attempt " + attemptNumber
                    + " after " + completedBatches + " batches");
        }
    }

    /** The injected exception: escapes the stage's per-request error handling so the task really fails. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
