package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One edit of a scene: what it changes ({@link #apply}) and how an instruction says it ({@link #phrase}). */
public sealed interface EditOperation {

    /** The edited scene. */
    Scene apply(Scene scene);

    /** The phrasing family of the instruction clause. */
    Phrase phrase();

    /** The shape the edit refers to by a description, or null when it names none (add, background). */
    SceneObject target();

    /** Placeholder values for {@link #phrase()}, given the description of {@link #target()}. */
    Map<String, String> words(String ref);

    /** The editing category an operation of this type belongs to. */
    TaskCategory category();

    record Add(SceneObject object) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.with(object);
        }

        public Phrase phrase() {
            return Phrase.ADD;
        }

        public SceneObject target() {
            return null;
        }

        public Map<String, String> words(String ref) {
            return Map.of("object", "a " + object.describe(), "cell", object.cell().word());
        }

        public TaskCategory category() {
            return TaskCategory.ADD;
        }
    }

    record Remove(SceneObject target) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.without(target);
        }

        public Phrase phrase() {
            return Phrase.REMOVE;
        }

        public Map<String, String> words(String ref) {
            return refOnly(ref);
        }

        public TaskCategory category() {
            return TaskCategory.REMOVE;
        }
    }

    record Replace(SceneObject target, ShapeKind kind) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.replace(target, target.withKind(kind));
        }

        public Phrase phrase() {
            return Phrase.REPLACE;
        }

        public Map<String, String> words(String ref) {
            return with(ref, "kind", kind.word());
        }

        public TaskCategory category() {
            return TaskCategory.REPLACE;
        }
    }

    record Recolour(SceneObject target, ShapeColour colour) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.replace(target, target.withColour(colour));
        }

        public Phrase phrase() {
            return Phrase.ADJUST_COLOUR;
        }

        public Map<String, String> words(String ref) {
            return with(ref, "colour", colour.word());
        }

        public TaskCategory category() {
            return TaskCategory.ADJUST_COLOUR;
        }
    }

    record Resize(SceneObject target, ShapeSize size) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.replace(target, target.withSize(size));
        }

        public Phrase phrase() {
            return Phrase.ADJUST_SIZE;
        }

        public Map<String, String> words(String ref) {
            return with(ref, "size", size.word());
        }

        public TaskCategory category() {
            return TaskCategory.ADJUST_SIZE;
        }
    }

    record Move(SceneObject target, Cell cell) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.replace(target, target.withCell(cell));
        }

        public Phrase phrase() {
            return Phrase.MOVE;
        }

        public Map<String, String> words(String ref) {
            return with(ref, "cell", cell.word());
        }

        public TaskCategory category() {
            return TaskCategory.MOVE;
        }
    }

    /** Keeps the named shape, where it is, alone on the same background. */
    record Extract(SceneObject target) implements EditOperation {
        public Scene apply(Scene scene) {
            return new Scene(scene.background(), List.of(target));
        }

        public Phrase phrase() {
            return Phrase.EXTRACT;
        }

        public Map<String, String> words(String ref) {
            return refOnly(ref);
        }

        public TaskCategory category() {
            return TaskCategory.EXTRACT;
        }
    }

    record ChangeBackground(Background background) implements EditOperation {
        public Scene apply(Scene scene) {
            return scene.withBackground(background);
        }

        public Phrase phrase() {
            return Phrase.BACKGROUND;
        }

        public SceneObject target() {
            return null;
        }

        public Map<String, String> words(String ref) {
            return Map.of("background", background.word());
        }

        public TaskCategory category() {
            return TaskCategory.BACKGROUND;
        }
    }

    private static Map<String, String> refOnly(String ref) {
        return Map.of("ref", ref);
    }

    private static Map<String, String> with(String ref, String key, String value) {
        Map<String, String> words = new HashMap<>(refOnly(ref));
        words.put(key, value);
        return words;
    }
}
