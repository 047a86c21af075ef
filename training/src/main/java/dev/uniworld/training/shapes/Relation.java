package dev.uniworld.training.shapes;

/** Spatial relations between two shapes, derived from grid cells and (for front/behind) from stacking. */
public enum Relation {
    LEFT_OF("left of", "left"),
    RIGHT_OF("right of", "right"),
    ABOVE("above", "above"),
    BELOW("below", "below"),
    IN_FRONT_OF("in front of", "front"),
    BEHIND("behind", "behind");

    private final String phrase;
    private final String answerWord;

    Relation(String phrase, String answerWord) {
        this.phrase = phrase;
        this.answerWord = answerWord;
    }

    /** How a prompt says it: "left of". */
    public String phrase() {
        return phrase;
    }

    /** The one-word answer to "where is A relative to B?": "left". */
    public String answerWord() {
        return answerWord;
    }

    public boolean isPlanar() {
        return this != IN_FRONT_OF && this != BEHIND;
    }

    /** Whether {@code a} stands in this relation to {@code b}. */
    public boolean holds(SceneObject a, SceneObject b) {
        return switch (this) {
            case LEFT_OF -> a.cell().column() < b.cell().column();
            case RIGHT_OF -> a.cell().column() > b.cell().column();
            case ABOVE -> a.cell().row() < b.cell().row();
            case BELOW -> a.cell().row() > b.cell().row();
            // the front shape of a stack is the smaller one (SceneRules)
            case IN_FRONT_OF -> a.cell() == b.cell() && a.size().compareTo(b.size()) < 0;
            case BEHIND -> a.cell() == b.cell() && a.size().compareTo(b.size()) > 0;
        };
    }
}
