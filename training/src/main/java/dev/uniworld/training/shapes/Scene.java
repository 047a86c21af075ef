package dev.uniworld.training.shapes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An immutable ShapesWorld scene: a plain background and the shapes on it, back to front.
 *
 * <p>Shapes are kept in one canonical order: by cell, then largest first. Shapes in different cells never overlap and
 * a shape stacked in an occupied cell is always smaller than the one behind it ({@link SceneRules}), so this order is
 * also a correct draw order, and two scenes that look the same are {@code equals}. Detected scenes may break the
 * rules; they are still kept in the same order so that they compare by content.
 */
public record Scene(Background background, List<SceneObject> objects) {

    private static final Comparator<SceneObject> DRAW_ORDER = Comparator
            .comparing(SceneObject::cell)
            .thenComparing(SceneObject::size, Comparator.reverseOrder())
            .thenComparing(SceneObject::kind)
            .thenComparing(SceneObject::colour);

    public Scene {
        Objects.requireNonNull(background, "background");
        List<SceneObject> sorted = new ArrayList<>(objects);
        sorted.sort(DRAW_ORDER);
        objects = List.copyOf(sorted);
    }

    public static Scene empty(Background background) {
        return new Scene(background, List.of());
    }

    public int size() {
        return objects.size();
    }

    public Scene withBackground(Background newBackground) {
        return new Scene(newBackground, objects);
    }

    public Scene with(SceneObject added) {
        List<SceneObject> list = new ArrayList<>(objects);
        list.add(added);
        return new Scene(background, list);
    }

    public Scene without(SceneObject removed) {
        List<SceneObject> list = new ArrayList<>(objects);
        if (!list.remove(removed)) {
            throw new IllegalArgumentException("not in scene: " + removed);
        }
        return new Scene(background, list);
    }

    public Scene replace(SceneObject old, SceneObject replacement) {
        return without(old).with(replacement);
    }

    public long count(Predicate<SceneObject> filter) {
        return objects.stream().filter(filter).count();
    }

    public List<SceneObject> in(Cell cell) {
        return objects.stream().filter(o -> o.cell() == cell).toList();
    }

    public boolean isEmpty(Cell cell) {
        return objects.stream().noneMatch(o -> o.cell() == cell);
    }

    /**
     * 1 for a shape nothing else lies under, 2 for a shape stacked in front of another in its cell (and so on):
     * the layer order the depth task paints as grey levels.
     */
    public int layerOf(SceneObject object) {
        int index = objects.indexOf(object);
        if (index < 0) {
            throw new IllegalArgumentException("not in scene: " + object);
        }
        int below = 0;
        for (int i = 0; i < index; i++) {
            if (objects.get(i).cell() == object.cell()) {
                below++;
            }
        }
        return below + 1;
    }
}
