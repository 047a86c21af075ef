package dev.uniworld.training.shapes;

/** The kinds of shape ShapesWorld draws, with the words prompts use for them. */
public enum ShapeKind {
    CIRCLE("circle", "circles"),
    SQUARE("square", "squares"),
    TRIANGLE("triangle", "triangles"),
    DIAMOND("diamond", "diamonds");

    private final String word;
    private final String plural;

    ShapeKind(String word, String plural) {
        this.word = word;
        this.plural = plural;
    }

    /** The singular noun, e.g. "circle". */
    public String word() {
        return word;
    }

    /** The plural noun, e.g. "circles". */
    public String plural() {
        return plural;
    }

    /** The kind named by a singular or plural noun; throws when the word names none. */
    public static ShapeKind fromWord(String word) {
        for (ShapeKind kind : values()) {
            if (kind.word.equals(word) || kind.plural.equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a shape word: " + word);
    }
}
