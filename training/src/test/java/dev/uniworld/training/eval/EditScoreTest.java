package dev.uniworld.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditScoreTest {

    private final SceneObject redCircle = new SceneObject(ShapeKind.CIRCLE, ShapeColour.RED, ShapeSize.SMALL,
            Cell.TOP_LEFT);
    private final SceneObject blueSquare = new SceneObject(ShapeKind.SQUARE, ShapeColour.BLUE, ShapeSize.LARGE,
            Cell.CENTER);
    private final Scene source = new Scene(Background.WHITE, List.of(redCircle, blueSquare));
    // the instruction: make the red circle green
    private final Scene target = source.replace(redCircle, redCircle.withColour(ShapeColour.GREEN));

    @Test
    void theTargetItselfSucceeds() {
        assertEquals(new EditScore(true, true), EditScore.of(source, target, target));
    }

    @Test
    void doingNothingPreservesButDoesNotApply() {
        assertEquals(new EditScore(false, true), EditScore.of(source, target, source));
    }

    @Test
    void applyingTheEditButLosingAnotherShapeIsNotPreserved() {
        Scene output = target.without(blueSquare);
        assertEquals(new EditScore(true, false), EditScore.of(source, target, output));
    }

    @Test
    void anExtraShapeOrAnotherBackgroundIsNotPreserved() {
        SceneObject extra = new SceneObject(ShapeKind.TRIANGLE, ShapeColour.YELLOW, ShapeSize.MEDIUM, Cell.BOTTOM);
        assertEquals(new EditScore(true, false), EditScore.of(source, target, target.with(extra)));
        assertEquals(new EditScore(true, false), EditScore.of(source, target, target.withBackground(Background.BLACK)));
    }
}
