package dev.uniworld.training.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneRules;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskGeneratorTest {

    private final TaskGenerator generator = new TaskGenerator(TaskConfig.DEFAULT);

    @Test
    void sameSeedGivesTheSameSample() {
        for (TaskCategory category : TaskCategory.values()) {
            TaskSample first = generator.sample(category, Split.TRAIN, 17);
            TaskSample again = new TaskGenerator(TaskConfig.DEFAULT).sample(category, Split.TRAIN, 17);
            assertEquals(first.prompt(), again.prompt());
            assertEquals(first.answer(), again.answer());
            assertEquals(first.inputScenes(), again.inputScenes());
            assertEquals(first.targetScene(), again.targetScene());
            assertPixelsEqual(first.targetImage(), again.targetImage());
            for (int i = 0; i < first.inputImages().size(); i++) {
                assertPixelsEqual(first.inputImages().get(i), again.inputImages().get(i));
            }
        }
        assertEquals(generator.testSet(8).stream().map(TaskSample::prompt).toList(),
                generator.testSet(8).stream().map(TaskSample::prompt).toList());
    }

    @Test
    void splitsAreDisjointBySeed() {
        Set<Long> seen = new HashSet<>();
        for (Split split : Split.values()) {
            for (long index = 0; index < 5000; index++) {
                long seed = split.seedFor(index);
                assertEquals(split, Split.of(seed));
                assertTrue(seen.add(seed), "seed " + seed + " drawn by two splits");
            }
        }
        for (TaskSample sample : generator.testSet(10)) {
            assertEquals(Split.TEST, sample.split());
            assertEquals(Split.TEST, Split.of(sample.seed()));
        }
        assertEquals(Split.VALIDATION, generator.sample(Split.VALIDATION, 3).split());
        List<TaskSample> validation = generator.evaluationSet(Split.VALIDATION, 10);
        assertEquals(generator.testSet(10).size(), validation.size());
        for (TaskSample sample : validation) {
            assertEquals(Split.VALIDATION, Split.of(sample.seed()));
        }
    }

    @Test
    void everyCategoryHasSeveralPhrasingsAndWellFormedScenes() {
        for (TaskCategory category : TaskCategory.values()) {
            Set<String> openings = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                TaskSample sample = generator.sample(category, Split.TRAIN, i);
                openings.add(sample.prompt().split(" ")[0] + " " + sample.prompt().split(" ")[1]);
                sample.inputScenes().forEach(scene -> assertTrue(SceneRules.isValid(scene), sample.id()));
                if (sample.targetScene() != null) {
                    assertTrue(SceneRules.isValid(sample.targetScene()), sample.id());
                }
                assertEquals(sample.expectsText(), sample.targetImage() == null, sample.id());
            }
            assertTrue(openings.size() >= 2, category + " phrasings: " + openings);
        }
    }

    @Test
    void editsChangeWhatTheyNameAndNothingElse() {
        for (int i = 0; i < 100; i++) {
            assertEquals(+1, sizeChange(TaskCategory.ADD, i));
            assertEquals(-1, sizeChange(TaskCategory.REMOVE, i));
            assertEquals(1, changedShapes(TaskCategory.REPLACE, i));
            assertEquals(1, changedShapes(TaskCategory.ADJUST_COLOUR, i));
            assertEquals(1, changedShapes(TaskCategory.ADJUST_SIZE, i));
            assertEquals(1, changedShapes(TaskCategory.MOVE, i));

            TaskSample extract = generator.sample(TaskCategory.EXTRACT, Split.TRAIN, i);
            Scene source = extract.inputScenes().get(0);
            assertEquals(1, extract.targetScene().size());
            assertTrue(source.objects().containsAll(extract.targetScene().objects()));
            assertEquals(source.background(), extract.targetScene().background());

            TaskSample background = generator.sample(TaskCategory.BACKGROUND, Split.TRAIN, i);
            assertEquals(background.inputScenes().get(0).objects(), background.targetScene().objects());
            assertNotEquals(background.inputScenes().get(0).background(), background.targetScene().background());

            TaskSample hybrid = generator.sample(TaskCategory.HYBRID, Split.TRAIN, i);
            assertNotEquals(hybrid.inputScenes().get(0), hybrid.targetScene());
            assertTrue(hybrid.prompt().contains(" and ") || hybrid.prompt().contains(", then "), hybrid.prompt());
        }
    }

    @Test
    void answersAndSpecsMatchTheirScenes() {
        for (int i = 0; i < 200; i++) {
            TaskSample count = generator.sample(TaskCategory.COUNT, Split.TRAIN, i);
            assertTrue(NumberWords.WORDS.contains(count.answer()), count.answer());
            if (count.prompt().startsWith("how many shapes")) {
                assertEquals(NumberWords.of(count.inputScenes().get(0).size()), count.answer());
            }
            TaskCategory generation = TaskFamily.GENERATION.categories().get(i % 6);
            TaskSample generated = generator.sample(generation, Split.TRAIN, i);
            assertTrue(generated.spec().isSatisfiedBy(generated.targetScene()), generated.prompt());
            assertTrue(generated.inputImages().isEmpty());
            TaskSample perception = generator.sample(TaskFamily.PERCEPTION.categories().get(i % 4), Split.TRAIN, i);
            assertNotNull(perception.targetImage());
            assertNull(perception.answer());
        }
    }

    @Test
    void questionsNameTheObjectsTheyAreAboutAndTheAnswersComeFromThem() {
        for (int i = 0; i < 200; i++) {
            TaskSample colour = generator.sample(TaskCategory.COLOUR_OF, Split.TRAIN, i);
            assertEquals(colour.answer(), only(colour).colour().word(), colour.prompt());
            TaskSample shape = generator.sample(TaskCategory.SHAPE_OF, Split.TRAIN, i);
            assertEquals(shape.answer(), only(shape).kind().word(), shape.prompt());
            TaskSample position = generator.sample(TaskCategory.POSITION_OF, Split.TRAIN, i);
            assertEquals(position.answer(), only(position).cell().word(), position.prompt());
            // an existence question's subjects are the objects that match it: none exactly when the answer is no
            TaskSample existence = generator.sample(TaskCategory.EXISTENCE, Split.TRAIN, i);
            assertEquals(existence.subjects().isEmpty() ? Answers.NO : Answers.YES, existence.answer());
            existence.subjects().forEach(o -> assertTrue(existence.prompt().contains(
                    o.colour().word() + " " + o.kind().word()), existence.prompt()));
            TaskSample relation = generator.sample(TaskCategory.RELATION, Split.TRAIN, i);
            assertEquals(2, relation.subjects().size(), relation.prompt());
            assertNotEquals(relation.subjects().get(0), relation.subjects().get(1));
            for (TaskSample question : List.of(colour, shape, position, existence, relation)) {
                assertTrue(question.inputScenes().get(0).objects().containsAll(question.subjects()), question.id());
            }
            assertEquals(List.of(), generator.sample(TaskCategory.COUNT, Split.TRAIN, i).subjects());
            assertEquals(List.of(), generator.sample(TaskCategory.ADD, Split.TRAIN, i).subjects());
        }
    }

    private static SceneObject only(TaskSample question) {
        assertEquals(1, question.subjects().size(), question.prompt());
        return question.subjects().get(0);
    }

    @Test
    void heldOutPairsStayOutOfTrainingButNotOutOfTest() {
        HeldOutPair redCircle = HeldOutPair.parse("red-circle");
        TaskGenerator restricted = new TaskGenerator(TaskConfig.DEFAULT.withHeldOut(Set.of(redCircle)));
        for (int i = 0; i < 1500; i++) {
            TaskSample sample = restricted.sample(i % 2 == 0 ? Split.TRAIN : Split.VALIDATION, i);
            assertTrue(!mentions(sample, redCircle), sample.id() + ": " + sample.prompt());
        }
        long testMentions = restricted.testSet(100).stream().filter(s -> mentions(s, redCircle)).count();
        assertTrue(testMentions > 0, "the test split should still show the held-out pair");
    }

    private static boolean mentions(TaskSample sample, HeldOutPair pair) {
        boolean inScenes = sample.inputScenes().stream().anyMatch(s -> s.objects().stream().anyMatch(pair::matches))
                || sample.targetScene() != null && sample.targetScene().objects().stream().anyMatch(pair::matches);
        return inScenes || sample.prompt().contains(pair.phrase());
    }

    private int sizeChange(TaskCategory category, int index) {
        TaskSample sample = generator.sample(category, Split.TRAIN, index);
        return sample.targetScene().size() - sample.inputScenes().get(0).size();
    }

    /** How many source shapes the target no longer has (as they were), given both have as many shapes. */
    private int changedShapes(TaskCategory category, int index) {
        TaskSample sample = generator.sample(category, Split.TRAIN, index);
        List<?> source = sample.inputScenes().get(0).objects();
        List<?> target = sample.targetScene().objects();
        assertEquals(source.size(), target.size(), sample.id());
        return (int) source.stream().filter(o -> !target.contains(o)).count();
    }

    private static void assertPixelsEqual(BufferedImage a, BufferedImage b) {
        if (a == null || b == null) {
            assertEquals(a, b);
            return;
        }
        assertArrayEquals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    }
}
