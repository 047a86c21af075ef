package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Questions for a VLM that describes the image before it answers: what it learns to write, and how much it weighs. */
class DescribeFirstTest {

    private static final WordTokenizer TOKENIZER = ShapesTokenizer.create();

    @Test
    void aDescribingVlmLearnsTheCaptionAFullStopAndTheAnswerEachHalfOfTheExample() {
        // Given one question, for a plain and for a describing VLM
        TaskSample question = new TaskGenerator(new dev.uniworld.training.tasks.TaskConfig(
                new dev.uniworld.training.shapes.RenderConfig(64), Set.of())).sample(TaskCategory.SHAPE_OF,
                        Split.TRAIN, 3);
        UniWorldConfig model = Recipe.tiny().model();
        Recipe plain = Recipe.tiny().withModel(model.withVlm(model.vlm().withDescribesFirst(false)));
        Recipe describing = Recipe.tiny().withModel(model.withVlm(model.vlm().withDescribesFirst(true)));
        // When
        VlmExamples.VlmExample direct = PhaseFixtures.data(plain).vlmExamples().question(question);
        VlmExamples.VlmExample described = PhaseFixtures.data(describing).vlmExamples().question(question);
        // Then the plain example predicts the answer and the stop token after the prompt
        int prompt = direct.taskPosition() + 1;
        int[] answer = TOKENIZER.encode(question.answer());
        assertArrayEquals(Arrays.copyOf(direct.ids(), prompt), Arrays.copyOf(described.ids(), prompt));
        assertEquals(prompt + answer.length + 1, direct.ids().length);
        // and the describing one writes the caption and a full stop in between
        String caption = ShapesTokenizer.caption(question.inputScenes().get(0));
        String written = TOKENIZER.decode(Arrays.copyOfRange(described.ids(), prompt, described.ids().length - 1));
        assertEquals(TOKENIZER.decode(TOKENIZER.encode(caption + " . " + question.answer())), written);
        // each example weighs 1 in all; the description (caption and full stop) half, the answer and stop token half
        assertEquals(1.0, sum(direct.weights(), 0, direct.ids().length), 1e-6);
        int descriptionEnd = described.ids().length - answer.length - 1;
        assertEquals(0.5, sum(described.weights(), prompt - 1, descriptionEnd - 1), 1e-6);
        assertEquals(0.5, sum(described.weights(), descriptionEnd - 1, described.ids().length - 1), 1e-6);
        assertEquals(0.0, described.weights()[described.ids().length - 1], 0.0, "nothing follows the stop token");
        assertTrue(described.weights()[prompt - 2] == 0f, "the prompt itself is not predicted");
    }

    @Test
    void aVlmThatRestatesWritesTheSubjectsBetweenTheCaptionAndTheAnswerEachPartAThird() {
        // Given a relation question, which has two subjects
        TaskSample question = new TaskGenerator(new dev.uniworld.training.tasks.TaskConfig(
                new dev.uniworld.training.shapes.RenderConfig(64), Set.of())).sample(TaskCategory.RELATION,
                        Split.TRAIN, 5);
        assertEquals(2, question.subjects().size());
        Recipe restating = Recipe.tiny().withVlmRestatesSubjects(true);
        // When
        VlmExamples.VlmExample example = PhaseFixtures.data(restating).vlmExamples().question(question);
        // Then after the prompt come the caption, a full stop, both subjects in the question's order, a full stop and
        // the answer
        int prompt = example.taskPosition() + 1;
        String caption = ShapesTokenizer.caption(question.inputScenes().get(0));
        String subjects = question.subjects().get(0).describe() + " " + question.subjects().get(0).cell().word()
                + " , " + question.subjects().get(1).describe() + " " + question.subjects().get(1).cell().word();
        int[] expected = TOKENIZER.encode(caption + " . " + subjects + " . " + question.answer());
        assertArrayEquals(expected, Arrays.copyOfRange(example.ids(), prompt, example.ids().length - 1));
        // and caption with its full stop, subjects with theirs, and the answer with the stop token weigh a third each
        int captionEnd = prompt + TOKENIZER.encode(caption + " .").length;
        int subjectsEnd = captionEnd + TOKENIZER.encode(subjects + " .").length;
        assertEquals(1.0 / 3, sum(example.weights(), prompt - 1, captionEnd - 1), 1e-6);
        assertEquals(1.0 / 3, sum(example.weights(), captionEnd - 1, subjectsEnd - 1), 1e-6);
        assertEquals(1.0 / 3, sum(example.weights(), subjectsEnd - 1, example.ids().length - 1), 1e-6);
    }

    @Test
    void recipesRecordedBeforeRestatingReadWithoutIt() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withVlmRestatesSubjects(true));
        recorded.remove("vlmRestatesSubjects");
        assertEquals(Recipe.tiny(), RunFiles.JSON.treeToValue(recorded, Recipe.class));
    }

    @Test
    void onlyADescribingVlmRestates() {
        UniWorldConfig model = Recipe.tiny().model();
        Recipe direct = Recipe.tiny().withModel(model.withVlm(model.vlm().withDescribesFirst(false)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> direct.withVlmRestatesSubjects(true));
        assertTrue(refused.getMessage().contains("vlmRestatesSubjects"), refused.getMessage());
    }

    private static double sum(float[] weights, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            total += weights[i];
        }
        return total;
    }
}
