package dev.uniworld.training.tasks;

/**
 * Dataset splits, disjoint by seed: the n-th sample of a split uses seed {@code 3n + ordinal}, so every seed belongs to
 * exactly one split ({@link #of(long)}) and no split can ever draw another's sample.
 */
public enum Split {
    TRAIN,
    VALIDATION,
    TEST;

    /** The seed of this split's {@code index}-th sample. */
    public long seedFor(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        return index * values().length + ordinal();
    }

    /** The split a seed belongs to. */
    public static Split of(long seed) {
        return values()[(int) Math.floorMod(seed, (long) values().length)];
    }
}
