package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;

/** A colour-shape combination kept out of training and validation, to test generalisation to unseen pairs. */
public record HeldOutPair(ShapeColour colour, ShapeKind kind) {

    public boolean matches(SceneObject object) {
        return object.colour() == colour && object.kind() == kind;
    }

    /** How prompts say it, e.g. "red circle". */
    public String phrase() {
        return colour.word() + " " + kind.word();
    }

    /** Parses "red-circle" or "red circle". */
    public static HeldOutPair parse(String text) {
        String[] words = text.trim().split("[-\\s]+");
        if (words.length != 2) {
            throw new IllegalArgumentException("expected <colour>-<shape>, got " + text);
        }
        return new HeldOutPair(ShapeColour.fromWord(words[0]), ShapeKind.fromWord(words[1]));
    }
}
