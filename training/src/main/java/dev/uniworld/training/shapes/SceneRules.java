package dev.uniworld.training.shapes;

import java.util.List;

/**
 * What makes a scene well-formed, so that everything in it stays visible and detectable: 1 to 4 shapes; at most two per
 * cell; a stacked pair has two colours (one colour would merge into one blob), a large shape at the back and a small
 * one in front. A medium front would leave a rim under two pixels wide at 64x64, which anti-aliasing turns into
 * blends that no longer show the back shape.
 */
public final class SceneRules {

    /** Most shapes in one scene. */
    public static final int MAX_OBJECTS = 4;
    /** Most shapes sharing one cell. */
    public static final int MAX_PER_CELL = 2;

    private SceneRules() {
    }

    public static boolean isValid(Scene scene) {
        if (scene.size() < 1 || scene.size() > MAX_OBJECTS) {
            return false;
        }
        for (Cell cell : Cell.values()) {
            List<SceneObject> stack = scene.in(cell);
            if (stack.size() > MAX_PER_CELL) {
                return false;
            }
            if (stack.size() == 2 && !canStack(stack.get(0), stack.get(1))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code front} may be drawn over {@code back} in the same cell. */
    public static boolean canStack(SceneObject back, SceneObject front) {
        return back.size() == ShapeSize.LARGE && front.size() == ShapeSize.SMALL && front.colour() != back.colour();
    }
}
