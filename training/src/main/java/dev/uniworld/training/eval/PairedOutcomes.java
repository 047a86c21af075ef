package dev.uniworld.training.eval;

/**
 * Pass/fail outcomes of two models on the same samples (same prompts, inputs and seeds), counted in pairs. Two arms
 * scored on one probe set are not independent samples, so their difference is judged by the samples on which they
 * disagree (McNemar's test), which is far sharper than comparing two rates with their separate standard errors.
 *
 * @param both samples both arms pass
 * @param firstOnly samples only the first arm passes
 * @param secondOnly samples only the second arm passes
 * @param neither samples both arms fail
 */
public record PairedOutcomes(int both, int firstOnly, int secondOnly, int neither) {

    /** Counts the pairs of two outcome vectors of equal length, sample i of one against sample i of the other. */
    public static PairedOutcomes of(boolean[] first, boolean[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("outcome vectors differ in length: " + first.length + " and "
                    + second.length + "; both arms must be scored on the same samples");
        }
        int both = 0;
        int firstOnly = 0;
        int secondOnly = 0;
        for (int i = 0; i < first.length; i++) {
            if (first[i] && second[i]) {
                both++;
            } else if (first[i]) {
                firstOnly++;
            } else if (second[i]) {
                secondOnly++;
            }
        }
        return new PairedOutcomes(both, firstOnly, secondOnly, first.length - both - firstOnly - secondOnly);
    }

    /** Samples scored. */
    public int total() {
        return both + firstOnly + secondOnly + neither;
    }

    /**
     * Exact two-sided McNemar p-value: the chance, if both arms were equally good, that the discordant samples split
     * at least this unevenly. Under that hypothesis each discordant sample is a fair coin, so the p-value is twice the
     * binomial(n, 1/2) tail at the smaller count, capped at 1. Summed in log space so that large counts do not
     * underflow.
     */
    public double exactMcNemarP() {
        int n = firstOnly + secondOnly;
        int smaller = Math.min(firstOnly, secondOnly);
        if (n == 0) {
            return 1.0;
        }
        double logHalfPowN = n * Math.log(0.5);
        double logChoose = 0; // log C(n, 0)
        double tail = 0;
        for (int k = 0; k <= smaller; k++) {
            tail += Math.exp(logChoose + logHalfPowN);
            logChoose += Math.log(n - k) - Math.log(k + 1.0);
        }
        return Math.min(1.0, 2 * tail);
    }
}
