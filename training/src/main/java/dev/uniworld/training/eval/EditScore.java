package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An edit judged in ImgEdit's spirit, on detected scenes.
 *
 * @param applied   the instruction happened: every shape it adds or changes is there, every shape it removes or
 *                  changes away is gone, and a background it changes is the new one
 * @param preserved nothing else changed: every untouched shape is still there, no shape appeared that the
 *                  instruction does not account for, and an untouched background stayed. Doing nothing preserves
 *                  everything; it just applies nothing
 */
public record EditScore(boolean applied, boolean preserved) {

    /** Success needs both. */
    public boolean success() {
        return applied && preserved;
    }

    public static EditScore of(Scene source, Scene target, Scene output) {
        List<SceneObject> removed = minus(source.objects(), target.objects());
        List<SceneObject> added = minus(target.objects(), source.objects());
        List<SceneObject> kept = minus(source.objects(), removed);
        boolean backgroundChanged = source.background() != target.background();

        boolean applied = output.objects().containsAll(added)
                && removed.stream().noneMatch(output.objects()::contains)
                && (!backgroundChanged || output.background() == target.background());
        List<SceneObject> unaccounted = minus(minus(output.objects(), target.objects()), removed);
        boolean preserved = output.objects().containsAll(kept)
                && unaccounted.isEmpty()
                && (backgroundChanged || output.background() == source.background());
        return new EditScore(applied, preserved);
    }

    private static List<SceneObject> minus(List<SceneObject> from, List<SceneObject> remove) {
        List<SceneObject> rest = new ArrayList<>(from);
        remove.forEach(rest::remove);
        return rest;
    }
}
