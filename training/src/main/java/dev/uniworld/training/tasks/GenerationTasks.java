package dev.uniworld.training.tasks;

import static dev.uniworld.training.shapes.SceneSampler.pick;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Relation;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneSampler;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import dev.uniworld.training.tasks.GenerationSpec.ObjectQuery;
import dev.uniworld.training.tasks.GenerationSpec.RelationQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Text-to-image tasks in GenEval's six categories. The target scene is one image that satisfies the prompt; the spec
 * says what any correct image must show.
 */
final class GenerationTasks {

    private final SceneSampler sampler;

    GenerationTasks(SceneSampler sampler) {
        this.sampler = sampler;
    }

    Optional<TaskDraft> generate(TaskCategory category, Random rng) {
        ShapeKind kind = pick(rng, ShapeKind.values());
        ShapeKind otherKind = pick(rng, others(kind));
        ShapeColour colour = pick(rng, ShapeColour.values());
        ShapeColour otherColour = pick(rng, others(colour));
        List<Cell> cells = shuffledCells(rng);
        Map<String, String> words = Map.of("kind", kind.word(), "kind2", otherKind.word(),
                "colour", colour.word(), "colour2", otherColour.word(), "cell", cells.get(0).word());
        return switch (category) {
            case SINGLE_OBJECT -> draft(rng, Phrase.SINGLE_OBJECT.fill(rng, words),
                    List.of(object(rng, kind, null, cells.get(0))),
                    spec(ObjectQuery.some(kind, null, null)));
            case TWO_OBJECTS -> draft(rng, Phrase.TWO_OBJECTS.fill(rng, words),
                    List.of(object(rng, kind, null, cells.get(0)), object(rng, otherKind, null, cells.get(1))),
                    spec(ObjectQuery.some(kind, null, null), ObjectQuery.some(otherKind, null, null)));
            case COUNTING -> counting(rng, kind, cells);
            case COLOURS -> draft(rng, Phrase.COLOURS.fill(rng, words),
                    List.of(object(rng, kind, colour, cells.get(0))),
                    spec(ObjectQuery.some(kind, colour, null)));
            case POSITION -> rng.nextBoolean()
                    ? relativePosition(rng, kind, otherKind, cells)
                    : draft(rng, Phrase.POSITION_ABSOLUTE.fill(rng, words),
                            List.of(object(rng, kind, null, cells.get(0))),
                            spec(ObjectQuery.some(kind, null, cells.get(0))));
            case COLOUR_ATTRIBUTION -> draft(rng, Phrase.COLOUR_ATTRIBUTION.fill(rng, words),
                    List.of(object(rng, kind, colour, cells.get(0)), object(rng, otherKind, otherColour, cells.get(1))),
                    spec(ObjectQuery.some(kind, colour, null), ObjectQuery.some(otherKind, otherColour, null)));
            default -> throw new IllegalArgumentException("not a generation task: " + category);
        };
    }

    private Optional<TaskDraft> counting(Random rng, ShapeKind kind, List<Cell> cells) {
        // GenEval counts two to four; "one circles" is no prompt
        int count = 2 + rng.nextInt(3);
        List<SceneObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            objects.add(object(rng, kind, null, cells.get(i)));
        }
        String prompt = Phrase.COUNTING.fill(rng, Map.of("count", NumberWords.of(count), "kinds", kind.plural()));
        return draft(rng, prompt, objects, new GenerationSpec(List.of(ObjectQuery.exactly(kind, count)), null));
    }

    private Optional<TaskDraft> relativePosition(Random rng, ShapeKind kind, ShapeKind otherKind, List<Cell> cells) {
        Relation relation = pick(rng, Arrays.stream(Relation.values()).filter(Relation::isPlanar).toList());
        for (Cell first : cells) {
            for (Cell second : cells) {
                SceneObject a = object(rng, kind, null, first);
                SceneObject b = object(rng, otherKind, null, second);
                if (first != second && relation.holds(a, b)) {
                    String prompt = Phrase.POSITION_RELATIVE.fill(rng, Map.of("kind", kind.word(),
                            "relation", relation.phrase(), "kind2", otherKind.word()));
                    GenerationSpec spec = new GenerationSpec(List.of(ObjectQuery.some(kind, null, null),
                            ObjectQuery.some(otherKind, null, null)), new RelationQuery(0, relation, 1));
                    return draft(rng, prompt, List.of(a, b), spec);
                }
            }
        }
        throw new IllegalStateException("every planar relation holds for some pair of cells");
    }

    private Optional<TaskDraft> draft(Random rng, String prompt, List<SceneObject> objects, GenerationSpec spec) {
        if (!objects.stream().allMatch(sampler::allows)) {
            return Optional.empty();
        }
        Scene target = new Scene(pick(rng, Background.values()), objects);
        return Optional.of(TaskDraft.generation(prompt, target, spec));
    }

    private static GenerationSpec spec(ObjectQuery... queries) {
        return new GenerationSpec(List.of(queries), null);
    }

    /** A shape of the given kind; colour random when null, size always random. */
    private static SceneObject object(Random rng, ShapeKind kind, ShapeColour colour, Cell cell) {
        return new SceneObject(kind, colour != null ? colour : pick(rng, ShapeColour.values()),
                pick(rng, ShapeSize.values()), cell);
    }

    private static List<Cell> shuffledCells(Random rng) {
        List<Cell> cells = new ArrayList<>(List.of(Cell.values()));
        Collections.shuffle(cells, rng);
        return cells;
    }

    private static <E extends Enum<E>> List<E> others(E value) {
        return Arrays.stream(value.getDeclaringClass().getEnumConstants()).filter(v -> v != value).toList();
    }
}
