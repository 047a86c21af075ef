package dev.uniworld.training.shapes;

/**
 * How scenes become pixels.
 *
 * @param resolution width and height in pixels; default 64, the UniWorld-Tiny model's image size
 */
public record RenderConfig(int resolution) {

    /** The tiny model's resolution. */
    public static final RenderConfig DEFAULT = new RenderConfig(64);

    public RenderConfig {
        if (resolution < 24) {
            throw new IllegalArgumentException("resolution must be at least 24 pixels, got " + resolution);
        }
    }
}
