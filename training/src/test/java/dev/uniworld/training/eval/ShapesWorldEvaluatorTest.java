package dev.uniworld.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.eval.EvalReport.CategoryResult;
import dev.uniworld.training.eval.EvalReport.FamilyResult;
import dev.uniworld.training.models.GroundTruthModel;
import dev.uniworld.training.models.IdentityModel;
import dev.uniworld.training.models.NoiseModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShapesWorldEvaluatorTest {

    private static final int PER_FAMILY = 180;
    private static List<TaskSample> testSet;
    private final ShapesWorldEvaluator evaluator = new ShapesWorldEvaluator(new SceneDetector());

    @BeforeAll
    static void buildTestSet() {
        testSet = new TaskGenerator(TaskConfig.DEFAULT).testSet(PER_FAMILY);
    }

    @Test
    void groundTruthScoresFullMarksEverywhere() {
        EvalReport report = evaluator.evaluate(new GroundTruthModel(testSet), testSet, PER_FAMILY);
        System.out.println(ReportFormatter.tables(report));
        assertEquals(4, report.families().size());
        for (FamilyResult family : report.families()) {
            for (CategoryResult category : family.categories()) {
                String headline = family.metrics().get(0);
                assertEquals(1.0, category.metric(headline), 1e-9, family.family() + "/" + category.category());
            }
        }
    }

    @Test
    void identityScoresOnlyOnReconstruction() {
        EvalReport report = evaluator.evaluate(new IdentityModel(RenderConfig.DEFAULT), testSet, PER_FAMILY);
        System.out.println(ReportFormatter.tables(report));
        assertEquals(0.0, report.family("understanding").overall().get("accuracy"), 1e-9);
        assertEquals(0.0, report.family("generation").overall().get("accuracy"), 1e-9);
        // an edit's target never equals its source, so returning the input never applies one
        for (CategoryResult edit : report.family("editing").categories()) {
            assertEquals(0.0, edit.metric("success"), 1e-9, edit.category());
        }
        FamilyResult perception = report.family("perception");
        assertEquals(1.0, perception.category("reconstruction").metric("success"), 1e-9);
    }

    @Test
    void aRunOfQuestionsAloneReportsTheImagesResolution() {
        List<TaskSample> questions = testSet.stream().filter(s -> s.family() == TaskFamily.UNDERSTANDING)
                .limit(3).toList();
        EvalReport report = evaluator.evaluate(new GroundTruthModel(testSet), questions, 3);
        assertEquals(RenderConfig.DEFAULT.resolution(), report.resolution());
        assertTrue(ReportFormatter.tables(report).contains("3 samples per family, 64x64"));
    }

    @Test
    void noiseScoresNearZeroEverywhere() {
        EvalReport report = evaluator.evaluate(new NoiseModel(RenderConfig.DEFAULT), testSet, PER_FAMILY);
        System.out.println(ReportFormatter.tables(report));
        for (FamilyResult family : report.families()) {
            for (CategoryResult category : family.categories()) {
                double headline = category.metric(family.metrics().get(0));
                assertTrue(headline <= 0.05, family.family() + "/" + category.category() + " " + headline);
            }
        }
    }
}
