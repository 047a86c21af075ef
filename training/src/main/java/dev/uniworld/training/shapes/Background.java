package dev.uniworld.training.shapes;

import java.awt.Color;

/** Plain background colours; each is far (>= ~110 in RGB) from every {@link ShapeColour}. */
public enum Background {
    WHITE("white", 255, 255, 255),
    BLACK("black", 0, 0, 0),
    GRAY("gray", 128, 128, 128);

    private final String word;
    private final int rgb;

    Background(String word, int red, int green, int blue) {
        this.word = word;
        this.rgb = (red << 16) | (green << 8) | blue;
    }

    public String word() {
        return word;
    }

    /** Packed 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    public Color awtColor() {
        return new Color(rgb);
    }
}
