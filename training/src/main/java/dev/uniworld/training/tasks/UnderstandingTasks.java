package dev.uniworld.training.tasks;

import static dev.uniworld.training.shapes.SceneSampler.pick;

import dev.uniworld.training.shapes.Relation;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneSampler;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.tasks.ReferringExpressions.Attribute;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Questions about one scene with one-word answers. Empty when the drawn scene cannot support the question. */
final class UnderstandingTasks {

    private final SceneSampler sampler;

    UnderstandingTasks(SceneSampler sampler) {
        this.sampler = sampler;
    }

    Optional<TaskDraft> generate(TaskCategory category, Random rng) {
        Scene scene = sampler.sample(rng);
        SceneObject target = pick(rng, scene.objects());
        return switch (category) {
            case COUNT -> Optional.of(count(scene, rng));
            case COLOUR_OF -> ask(Phrase.COLOUR_OF, scene, target, Attribute.COLOUR, target.colour().word(), rng);
            case SHAPE_OF -> ask(Phrase.SHAPE_OF, scene, target, Attribute.KIND, target.kind().word(), rng);
            case POSITION_OF -> ask(Phrase.POSITION_OF, scene, target, Attribute.CELL, target.cell().word(), rng);
            case EXISTENCE -> Optional.of(existence(scene, rng));
            case RELATION -> relation(scene, rng);
            default -> throw new IllegalArgumentException("not an understanding task: " + category);
        };
    }

    private static TaskDraft count(Scene scene, Random rng) {
        return switch (rng.nextInt(3)) {
            case 0 -> TaskDraft.answer(Phrase.COUNT_ALL.fill(rng, Map.of()), scene, NumberWords.of(scene.size()));
            case 1 -> {
                ShapeKind kind = pick(rng, ShapeKind.values());
                yield TaskDraft.answer(Phrase.COUNT_KIND.fill(rng, Map.of("kinds", kind.plural())), scene,
                        NumberWords.of(scene.count(o -> o.kind() == kind)));
            }
            default -> {
                ShapeColour colour = pick(rng, ShapeColour.values());
                yield TaskDraft.answer(Phrase.COUNT_COLOUR.fill(rng, Map.of("colour", colour.word())), scene,
                        NumberWords.of(scene.count(o -> o.colour() == colour)));
            }
        };
    }

    private static Optional<TaskDraft> ask(Phrase phrase, Scene scene, SceneObject target, Attribute asked,
            String answer, Random rng) {
        return ReferringExpressions.describe(scene, target, asked)
                .map(ref -> TaskDraft.answer(phrase.fill(rng, Map.of("ref", ref)), scene, answer, List.of(target)));
    }

    private TaskDraft existence(Scene scene, Random rng) {
        // half the questions ask about a shape that is there, so "yes" and "no" are equally likely answers
        SceneObject asked = rng.nextBoolean() ? pick(rng, scene.objects()) : sampler.randomObject(rng);
        List<SceneObject> matching = scene.objects().stream()
                .filter(o -> o.colour() == asked.colour() && o.kind() == asked.kind()).toList();
        String object = "a " + asked.colour().word() + " " + asked.kind().word();
        return TaskDraft.answer(Phrase.EXISTENCE.fill(rng, Map.of("object", object)), scene,
                Answers.yesNo(!matching.isEmpty()), matching);
    }

    private static Optional<TaskDraft> relation(Scene scene, Random rng) {
        if (scene.size() < 2) {
            return Optional.empty();
        }
        SceneObject a = pick(rng, scene.objects());
        SceneObject b = pick(rng, scene.objects());
        Optional<String> refA = ReferringExpressions.describe(scene, a);
        Optional<String> refB = ReferringExpressions.describe(scene, b);
        if (a.equals(b) || refA.isEmpty() || refB.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> refs = Map.of("ref", refA.get(), "ref2", refB.get());
        if (a.cell() == b.cell()) {
            Relation depth = Relation.IN_FRONT_OF.holds(a, b) ? Relation.IN_FRONT_OF : Relation.BEHIND;
            return Optional.of(TaskDraft.answer(Phrase.RELATION_DEPTH.fill(rng, refs), scene, depth.answerWord(),
                    List.of(a, b)));
        }
        boolean sameRowOrColumn = a.cell().row() == b.cell().row() || a.cell().column() == b.cell().column();
        if (sameRowOrColumn && rng.nextBoolean()) {
            // exactly one planar relation holds, so the one-word answer is unambiguous
            Relation holding = planar().stream().filter(r -> r.holds(a, b)).findFirst().orElseThrow();
            return Optional.of(TaskDraft.answer(Phrase.RELATION_WHERE.fill(rng, refs), scene,
                    holding.answerWord(), List.of(a, b)));
        }
        boolean wantTrue = rng.nextBoolean();
        List<Relation> candidates = planar().stream().filter(r -> r.holds(a, b) == wantTrue).toList();
        Relation asked = pick(rng, candidates);
        String prompt = Phrase.RELATION_YES_NO.fill(rng,
                Map.of("ref", refA.get(), "ref2", refB.get(), "relation", asked.phrase()));
        return Optional.of(TaskDraft.answer(prompt, scene, Answers.yesNo(wantTrue), List.of(a, b)));
    }

    private static List<Relation> planar() {
        return Arrays.stream(Relation.values()).filter(Relation::isPlanar).toList();
    }
}
