package dev.uniworld.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.eval.ShapesWorldEvaluator.AnsweredQuestion;
import dev.uniworld.training.models.VisualModel.Reply;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import dev.uniworld.training.train.ShapesTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerSheetTest {

    private static final List<TaskSample> QUESTIONS = new TaskGenerator(new TaskConfig(new RenderConfig(64), Set.of()))
            .evaluationSet(Split.VALIDATION, 3).stream().filter(s -> s.family() == TaskFamily.UNDERSTANDING).toList();

    private final WordTokenizer tokenizer = ShapesTokenizer.create();

    @Test
    void aDescriptionCountsOnlyWhenItIsTheScenesCaptionWordForWord(@TempDir Path dir) throws Exception {
        TaskSample first = QUESTIONS.get(0);
        TaskSample second = QUESTIONS.get(1);
        TaskSample third = QUESTIONS.get(2);
        Path file = dir.resolve("answers.tsv");
        String summary;
        try (AnswerSheet sheet = AnswerSheet.create(file)) {
            // the right description, then a wrong answer
            sheet.write(new AnsweredQuestion(first, described(caption(first), "no"), false));
            // one object more than the scene has, then a right answer
            String longer = caption(second) + " , large red circle top-left";
            sheet.write(new AnsweredQuestion(second, described(longer, second.answer()), true));
            // the right description, then a right answer
            sheet.write(new AnsweredQuestion(third, described(caption(third), third.answer()), true));
            summary = sheet.summary();
        }
        List<String> cells = Files.readAllLines(file).stream().skip(1).map(l -> l.split("\t", -1)[3]).toList();
        assertEquals(List.of("1", "0", "1"), cells);
        assertEquals("descriptions: 2 of 3 match the scene's caption; answers wrong after a right description: 1",
                summary);
    }

    @Test
    void aModelThatAnswersDirectlyHasNoDescriptionToJudge(@TempDir Path dir) throws Exception {
        TaskSample question = QUESTIONS.get(0);
        Path file = dir.resolve("answers.tsv");
        String summary;
        try (AnswerSheet sheet = AnswerSheet.create(file)) {
            sheet.write(new AnsweredQuestion(question, new Reply("yes", "yes", false),
                    question.answer().equals("yes")));
            summary = sheet.summary();
        }
        assertEquals("", Files.readAllLines(file).get(1).split("\t", -1)[3]);
        assertEquals("", summary);
    }

    @Test
    void aCaptionThatOnlyBeginsTheDescriptionIsNotIt() {
        TaskSample question = QUESTIONS.get(0);
        List<Scene> scenes = question.inputScenes();
        // as the model writes it, decoded: "white background, large red circle top-left. yes"
        assertTrue(AnswerSheet.describesRight(described(caption(question), "yes").transcript(), scenes));
        assertFalse(AnswerSheet.describesRight(
                described(caption(question) + " , small blue square center", "yes").transcript(), scenes));
        assertFalse(AnswerSheet.describesRight("yes", scenes));
    }

    private static String caption(TaskSample question) {
        return ShapesTokenizer.caption(question.inputScenes().get(0));
    }

    /** A describing model's reply in the form it decodes to, spacing included. */
    private Reply described(String description, String answer) {
        String transcript = tokenizer.decode(tokenizer.encode(description + " . " + answer));
        return new Reply(answer, transcript, true);
    }
}
