package dev.uniworld.training.shapes;

import java.util.Objects;

/** One shape in a scene: what it is, its colour, its size and the grid cell it is centred in. */
public record SceneObject(ShapeKind kind, ShapeColour colour, ShapeSize size, Cell cell) {

    public SceneObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(cell, "cell");
    }

    public SceneObject withKind(ShapeKind newKind) {
        return new SceneObject(newKind, colour, size, cell);
    }

    public SceneObject withColour(ShapeColour newColour) {
        return new SceneObject(kind, newColour, size, cell);
    }

    public SceneObject withSize(ShapeSize newSize) {
        return new SceneObject(kind, colour, newSize, cell);
    }

    public SceneObject withCell(Cell newCell) {
        return new SceneObject(kind, colour, size, newCell);
    }

    /** "small red circle". */
    public String describe() {
        return size.word() + " " + colour.word() + " " + kind.word();
    }
}
