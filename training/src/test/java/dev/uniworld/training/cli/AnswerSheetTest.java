package dev.uniworld.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.eval.ShapesWorldEvaluator.AnsweredQuestion;
import dev.uniworld.training.models.VisualModel.Reply;
import dev.uniworld.training.shapes.RenderConfig;
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

    @Test
    void aDescriptionCountsOnlyWhenItIsTheScenesCaptionWordForWord(@TempDir Path dir) throws Exception {
        TaskSample first = QUESTIONS.get(0);
        TaskSample second = QUESTIONS.get(1);
        TaskSample third = QUESTIONS.get(2);
        String caption = ShapesTokenizer.caption(first.inputScenes().get(0));
        Path file = dir.resolve("answers.tsv");
        String summary;
        try (AnswerSheet sheet = AnswerSheet.create(file)) {
            // the right description, then a wrong answer
            sheet.write(new AnsweredQuestion(first, new Reply("no", caption + " . no"), false));
            // one object more than the scene has, then a right answer
            String longer = ShapesTokenizer.caption(second.inputScenes().get(0)) + " , large red circle top-left";
            sheet.write(new AnsweredQuestion(second, new Reply(second.answer(), longer + " . " + second.answer()),
                    true));
            // the right description of the third scene, then a right answer
            String thirdTranscript = ShapesTokenizer.caption(third.inputScenes().get(0)) + " . " + third.answer();
            sheet.write(new AnsweredQuestion(third, new Reply(third.answer(), thirdTranscript), true));
            summary = sheet.summary();
        }
        List<String> described = Files.readAllLines(file).stream().skip(1).map(l -> l.split("\t", -1)[3]).toList();
        assertEquals(List.of("1", "0", "1"), described);
        assertEquals("descriptions: 2 of 3 match the scene's caption; 1 answers wrong after a right description",
                summary);
    }

    @Test
    void aModelThatAnswersDirectlyHasNoDescriptionToJudge(@TempDir Path dir) throws Exception {
        TaskSample question = QUESTIONS.get(0);
        Path file = dir.resolve("answers.tsv");
        String summary;
        try (AnswerSheet sheet = AnswerSheet.create(file)) {
            sheet.write(new AnsweredQuestion(question, new Reply("yes", "yes"), question.answer().equals("yes")));
            summary = sheet.summary();
        }
        assertEquals("", Files.readAllLines(file).get(1).split("\t", -1)[3]);
        assertEquals("", summary);
    }

    @Test
    void aCaptionThatOnlyBeginsTheDescriptionIsNotIt() {
        TaskSample question = QUESTIONS.get(0);
        String caption = ShapesTokenizer.caption(question.inputScenes().get(0));
        assertTrue(AnswerSheet.describesRight(caption + " . yes", question.inputScenes()));
        assertFalse(AnswerSheet.describesRight(caption + " , small blue square center . yes",
                question.inputScenes()));
        assertFalse(AnswerSheet.describesRight("yes", question.inputScenes()));
    }
}
