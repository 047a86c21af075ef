package dev.uniworld.training.train;

/** A training step whose loss is not finite: the run stops at its last resume point, which a rerun would repeat. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
