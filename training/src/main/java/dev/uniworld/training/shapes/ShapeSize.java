package dev.uniworld.training.shapes;

/**
 * The three sizes, as the shape's extent relative to a grid cell. Large stays below 1 so that two large shapes of one
 * colour in neighbouring cells never touch, which keeps them two components for the detector; medium is 1.5x small so
 * that sizes remain tellable apart at 64x64.
 */
public enum ShapeSize {
    SMALL("small", 0.45),
    MEDIUM("medium", 0.68),
    LARGE("large", 0.90);

    private final String word;
    private final double cellFraction;

    ShapeSize(String word, double cellFraction) {
        this.word = word;
        this.cellFraction = cellFraction;
    }

    public String word() {
        return word;
    }

    /** Width and height of the shape's bounding box as a fraction of the cell side. */
    public double cellFraction() {
        return cellFraction;
    }
}
