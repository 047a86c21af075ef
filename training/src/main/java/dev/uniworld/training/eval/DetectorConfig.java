package dev.uniworld.training.eval;

/**
 * Tuning of the {@link SceneDetector}.
 *
 * @param colourTolerance       largest RGB distance at which a pixel still counts as a palette colour; default 70,
 *                              well under half the smallest palette gap (~110), so blends of two colours along an
 *                              anti-aliased edge belong to neither
 * @param minAreaCellFraction   smallest component kept, as a fraction of a grid cell's area; default 0.03 (12 pixels
 *                              at 64x64): below a small shape's area (~46 pixels) but far above specks of noise
 * @param minFit                smallest template fit (an IoU that ignores occluded pixels) for a component to count as
 *                              a shape; default 0.6
 */
public record DetectorConfig(double colourTolerance, double minAreaCellFraction, double minFit) {

    public static final DetectorConfig DEFAULT = new DetectorConfig(70, 0.03, 0.6);

    public DetectorConfig {
        if (colourTolerance <= 0 || minAreaCellFraction <= 0 || minFit <= 0 || minFit > 1) {
            throw new IllegalArgumentException("invalid detector config: " + colourTolerance + ", "
                    + minAreaCellFraction + ", " + minFit);
        }
    }
}
