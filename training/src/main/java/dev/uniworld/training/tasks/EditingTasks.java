package dev.uniworld.training.tasks;

import static dev.uniworld.training.shapes.SceneSampler.pick;

import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneRules;
import dev.uniworld.training.shapes.SceneSampler;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Instruction-based edits: a source scene, an instruction, and the one target scene in which the instruction is done
 * and nothing else changed. Empty when the drawn scene cannot take the edit (no free cell, a stack in the way...).
 */
final class EditingTasks {

    /** Single operations a hybrid instruction combines; extract is left out because it undoes any other edit. */
    private static final List<TaskCategory> HYBRID_PARTS = List.of(TaskCategory.ADD, TaskCategory.REMOVE,
            TaskCategory.REPLACE, TaskCategory.ADJUST_COLOUR, TaskCategory.ADJUST_SIZE, TaskCategory.MOVE,
            TaskCategory.BACKGROUND);

    private final SceneSampler sampler;

    EditingTasks(SceneSampler sampler) {
        this.sampler = sampler;
    }

    Optional<TaskDraft> generate(TaskCategory category, Random rng) {
        Scene source = sampler.sample(rng);
        if (category == TaskCategory.HYBRID) {
            return hybrid(source, rng);
        }
        Optional<EditOperation> edit = operation(category, source, rng);
        if (edit.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> clause = clause(edit.get(), source, rng);
        Scene target = edit.get().apply(source);
        if (clause.isEmpty() || !acceptable(source, target)) {
            return Optional.empty();
        }
        String instruction = Phrase.INSTRUCTION.fill(rng, Map.of("edit", clause.get()));
        return Optional.of(TaskDraft.edit(instruction, source, target));
    }

    private Optional<TaskDraft> hybrid(Scene source, Random rng) {
        TaskCategory firstCategory = pick(rng, HYBRID_PARTS);
        TaskCategory secondCategory = pick(rng, HYBRID_PARTS);
        Optional<EditOperation> first = operation(firstCategory, source, rng);
        Optional<EditOperation> second = operation(secondCategory, source, rng);
        boolean twoBackgrounds = firstCategory == TaskCategory.BACKGROUND && secondCategory == TaskCategory.BACKGROUND;
        if (first.isEmpty() || second.isEmpty() || twoBackgrounds || touchSameShape(first.get(), second.get())) {
            return Optional.empty();
        }
        Scene middle = first.get().apply(source);
        if (second.get().target() != null && !middle.objects().contains(second.get().target())) {
            return Optional.empty();
        }
        Optional<String> firstClause = clause(first.get(), source, rng);
        // the second description must name the same shape before and after the first edit, or it is ambiguous
        Optional<String> secondClause = clause(second.get(), source, rng);
        Optional<String> secondAfterFirst = clause(second.get(), middle, new Random(0));
        Optional<String> secondInSource = clause(second.get(), source, new Random(0));
        Scene target = second.get().apply(middle);
        if (firstClause.isEmpty() || secondClause.isEmpty() || !secondAfterFirst.equals(secondInSource)
                || !acceptable(source, target)) {
            return Optional.empty();
        }
        String instruction = Phrase.HYBRID.fill(rng, Map.of("edit", firstClause.get(), "edit2", secondClause.get()));
        return Optional.of(TaskDraft.edit(instruction, source, target));
    }

    private static boolean touchSameShape(EditOperation a, EditOperation b) {
        boolean sameTarget = a.target() != null && a.target().equals(b.target());
        boolean sameCell = a instanceof EditOperation.Add addA && b instanceof EditOperation.Add addB
                && addA.object().cell() == addB.object().cell();
        return sameTarget || sameCell;
    }

    private Optional<EditOperation> operation(TaskCategory category, Scene scene, Random rng) {
        SceneObject target = pick(rng, scene.objects());
        List<Cell> free = SceneSampler.emptyCells(scene);
        return Optional.ofNullable(switch (category) {
            case ADD -> scene.size() < SceneRules.MAX_OBJECTS
                    ? new EditOperation.Add(sampler.randomObject(rng).withCell(pick(rng, free))) : null;
            case REMOVE -> scene.size() > 1 ? new EditOperation.Remove(target) : null;
            case REPLACE -> new EditOperation.Replace(target, pick(rng, others(target.kind())));
            case ADJUST_COLOUR -> new EditOperation.Recolour(target, pick(rng, others(target.colour())));
            case ADJUST_SIZE -> new EditOperation.Resize(target, pick(rng, others(target.size())));
            case MOVE -> new EditOperation.Move(target, pick(rng, free));
            case EXTRACT -> scene.size() > 1 ? new EditOperation.Extract(target) : null;
            case BACKGROUND -> new EditOperation.ChangeBackground(pick(rng, others(scene.background())));
            default -> throw new IllegalArgumentException("not an editing task: " + category);
        });
    }

    private static Optional<String> clause(EditOperation edit, Scene scene, Random rng) {
        if (edit.target() == null) {
            return Optional.of(edit.phrase().fill(rng, edit.words("")));
        }
        return ReferringExpressions.describe(scene, edit.target())
                .map(ref -> edit.phrase().fill(rng, new HashMap<>(edit.words(ref))));
    }

    /** The target must be a well-formed scene other than the source, with only shapes this split may show. */
    private boolean acceptable(Scene source, Scene target) {
        return !target.equals(source) && SceneRules.isValid(target) && target.objects().stream()
                .allMatch(sampler::allows);
    }

    private static <E extends Enum<E>> List<E> others(E value) {
        return Arrays.stream(value.getDeclaringClass().getEnumConstants()).filter(v -> v != value).toList();
    }
}
