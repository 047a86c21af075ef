package dev.uniworld.training.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.eval.EvalReport;
import dev.uniworld.training.eval.SceneDetector;
import dev.uniworld.training.eval.ShapesWorldEvaluator;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.tasks.NumberWords;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QuestionOnlyModelTest {

    private final TaskGenerator generator = new TaskGenerator(TaskConfig.DEFAULT);
    private final QuestionOnlyModel model = new QuestionOnlyModel(generator, 400);

    @Test
    void aTemplateNamesTheKindOfEachSceneWord() {
        assertEquals("is there a <size> <colour> <kind> ?", QuestionOnlyModel.template("is there a small red circle?"));
        assertEquals("how many <kinds> are in the <cell> cell ?",
                QuestionOnlyModel.template("how many squares are in the top-left cell?"));
        assertEquals("is it true that <number> <colour> objects are there ?",
                QuestionOnlyModel.template("is it true that two blue objects are there?"));
    }

    @Test
    void theAnswerNeverDependsOnTheImageAndIsOfTheQuestionsKind() {
        List<String> colours = Stream.of(ShapeColour.values()).map(ShapeColour::word).toList();
        for (int i = 0; i < 30; i++) {
            TaskSample colour = generator.sample(TaskCategory.COLOUR_OF, Split.VALIDATION, i);
            TaskSample other = generator.sample(TaskCategory.COUNT, Split.VALIDATION, i);
            String answer = model.answer(colour.prompt(), colour.inputImages());
            assertEquals(answer, model.answer(colour.prompt(), other.inputImages()));
            assertEquals(answer, model.answer(colour.prompt(), List.of()));
            // a wording too rare to count on falls back to its template, which always has an answer of its kind
            assertTrue(colours.contains(answer), colour.prompt() + " -> " + answer);
            assertTrue(NumberWords.WORDS.contains(model.answer(other.prompt(), List.of())), other.prompt());
        }
    }

    @Test
    void itScoresFarBelowTheTruthAndTheSameEveryTime() {
        List<TaskSample> questions = generator.evaluationSet(Split.VALIDATION, 120).stream()
                .filter(s -> s.family() == TaskFamily.UNDERSTANDING).toList();
        ShapesWorldEvaluator evaluator = new ShapesWorldEvaluator(new SceneDetector());
        double prior = overall(evaluator.evaluate(model, questions, 120));
        double truth = overall(evaluator.evaluate(new GroundTruthModel(questions), questions, 120));
        assertEquals(1.0, truth, 1e-9);
        assertTrue(prior > 0 && prior < 0.6, "question-only accuracy " + prior);
        assertEquals(prior, overall(evaluator.evaluate(new QuestionOnlyModel(generator, 400), questions, 120)));
    }

    @Test
    void imageTasksGetTheirInputBackUnchanged() {
        TaskSample edit = generator.sample(TaskCategory.REMOVE, Split.VALIDATION, 0);
        BufferedImage out = model.generate(edit.prompt(), edit.inputImages(), 1);
        BufferedImage in = edit.inputImages().get(0);
        assertNotEquals(in, out);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                assertEquals(in.getRGB(x, y), out.getRGB(x, y));
            }
        }
    }

    private static double overall(EvalReport report) {
        return report.family(TaskFamily.UNDERSTANDING.label()).overall().get("accuracy");
    }
}
