package dev.uniworld.training.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Draws random well-formed scenes ({@link SceneRules}). Most shapes get a cell of their own; some are stacked in
 * front of a larger shape so that layering and occlusion are part of the world.
 */
public final class SceneSampler {

    /** Chance that a new shape is stacked onto an occupied cell when a stack is possible. */
    private static final double STACK_CHANCE = 0.2;
    /** Placement attempts before a sampler gives up on one shape; the grid is large enough that this is never hit. */
    private static final int ATTEMPTS = 200;

    private final Predicate<SceneObject> allowed;

    /** @param allowed which shapes may appear (e.g. not a held-out colour-shape pair) */
    public SceneSampler(Predicate<SceneObject> allowed) {
        this.allowed = allowed;
    }

    public static SceneSampler unrestricted() {
        return new SceneSampler(object -> true);
    }

    /** A scene of 1 to {@link SceneRules#MAX_OBJECTS} shapes. */
    public Scene sample(Random rng) {
        return sample(rng, 1 + rng.nextInt(SceneRules.MAX_OBJECTS));
    }

    /** A scene of exactly {@code count} shapes on a random background. */
    public Scene sample(Random rng, int count) {
        Scene scene = Scene.empty(pick(rng, Background.values()));
        while (scene.size() < count) {
            scene = scene.with(place(scene, rng).orElseThrow());
        }
        return scene;
    }

    /** A random shape that can join {@code scene} (in an empty cell, or stacked in front), if one exists. */
    public Optional<SceneObject> place(Scene scene, Random rng) {
        boolean stack = rng.nextDouble() < STACK_CHANCE;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SceneObject candidate = randomObject(rng);
            List<SceneObject> occupants = scene.in(candidate.cell());
            boolean fits = occupants.isEmpty()
                    ? !stack || attempt > ATTEMPTS / 2
                    : stack && occupants.size() == 1 && SceneRules.canStack(occupants.get(0), candidate);
            if (fits && allowed.test(candidate) && SceneRules.isValid(scene.with(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A random shape, ignoring any scene. */
    public SceneObject randomObject(Random rng) {
        return new SceneObject(pick(rng, ShapeKind.values()), pick(rng, ShapeColour.values()),
                pick(rng, ShapeSize.values()), pick(rng, Cell.values()));
    }

    /** Whether this sampler may produce {@code object}. */
    public boolean allows(SceneObject object) {
        return allowed.test(object);
    }

    /** Cells no shape of {@code scene} occupies. */
    public static List<Cell> emptyCells(Scene scene) {
        List<Cell> cells = new ArrayList<>();
        for (Cell cell : Cell.values()) {
            if (scene.isEmpty(cell)) {
                cells.add(cell);
            }
        }
        return cells;
    }

    public static <T> T pick(Random rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }

    public static <T> T pick(Random rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }
}
