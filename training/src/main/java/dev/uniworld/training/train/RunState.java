package dev.uniworld.training.train;

/**
 * Where a run stands, written with every resumable checkpoint.
 *
 * @param phase index of the phase to continue in {@link Recipe#phaseNames()} (phases before it are complete)
 * @param step next step of that phase
 * @param globalStep steps run over all phases
 * @param emaUpdates updates the EMA has received (its decay schedule continues from here)
 * @param elapsedSeconds training wall-clock time so far, over all sessions of the run
 * @param recipe the recipe the run was started with
 */
public record RunState(int phase, int step, long globalStep, long emaUpdates, double elapsedSeconds, Recipe recipe) {
}
