package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Relation;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import java.util.List;

/**
 * What a generated image must show, checked the way GenEval checks it: on the shapes a detector finds, not on pixels,
 * so any image that satisfies the prompt counts, wherever it puts things.
 *
 * @param objects  required shapes, each with how many must match it
 * @param relation a required spatial relation between a shape matching one query and a shape matching another; null
 *                 when none is asked for
 */
public record GenerationSpec(List<ObjectQuery> objects, RelationQuery relation) {

    public GenerationSpec {
        objects = List.copyOf(objects);
    }

    /**
     * A shape the image must contain.
     *
     * @param kind     required kind
     * @param colour   required colour; null: any
     * @param cell     required cell; null: any
     * @param minCount fewest matching shapes allowed
     * @param maxCount most matching shapes allowed
     */
    public record ObjectQuery(ShapeKind kind, ShapeColour colour, Cell cell, int minCount, int maxCount) {

        public static ObjectQuery some(ShapeKind kind, ShapeColour colour, Cell cell) {
            return new ObjectQuery(kind, colour, cell, 1, Integer.MAX_VALUE);
        }

        public static ObjectQuery exactly(ShapeKind kind, int count) {
            return new ObjectQuery(kind, null, null, count, count);
        }

        public boolean matches(SceneObject object) {
            return object.kind() == kind && (colour == null || object.colour() == colour)
                    && (cell == null || object.cell() == cell);
        }
    }

    /** Shape {@code first} (index into objects) stands in {@code relation} to shape {@code second}. */
    public record RelationQuery(int first, Relation relation, int second) {
    }

    public boolean isSatisfiedBy(Scene scene) {
        for (ObjectQuery query : objects) {
            long count = scene.count(query::matches);
            if (count < query.minCount() || count > query.maxCount()) {
                return false;
            }
        }
        return relation == null || relationHolds(scene);
    }

    private boolean relationHolds(Scene scene) {
        ObjectQuery first = objects.get(relation.first());
        ObjectQuery second = objects.get(relation.second());
        for (SceneObject a : scene.objects()) {
            for (SceneObject b : scene.objects()) {
                if (a != b && first.matches(a) && second.matches(b) && relation.relation().holds(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }
}
