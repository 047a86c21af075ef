package dev.uniworld.training.shapes;

import java.awt.Color;

/**
 * The named colours a shape can have. They sit far apart in RGB (every pair at least ~110 apart, see the palette
 * test) so that a detector can assign each pixel to its nearest colour, and anti-aliased edges between two colours
 * fall into no colour at all rather than into a third.
 */
public enum ShapeColour {
    RED("red", 220, 30, 30),
    GREEN("green", 30, 170, 50),
    BLUE("blue", 40, 70, 220),
    YELLOW("yellow", 240, 210, 30),
    PURPLE("purple", 150, 50, 200),
    CYAN("cyan", 30, 200, 210);

    private final String word;
    private final int rgb;

    ShapeColour(String word, int red, int green, int blue) {
        this.word = word;
        this.rgb = (red << 16) | (green << 8) | blue;
    }

    /** The colour word, e.g. "red". */
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

    /** The colour named by a word; throws when the word names none. */
    public static ShapeColour fromWord(String word) {
        for (ShapeColour colour : values()) {
            if (colour.word.equals(word)) {
                return colour;
            }
        }
        throw new IllegalArgumentException("not a colour word: " + word);
    }
}
