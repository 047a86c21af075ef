package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.model.Task;
import dev.uniworld.model.config.UniWorldConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VLM phase's mix with {@code vlmQuestionsForCaptions}: questions where plain captions were. */
class VlmQuestionMixTest {

    private static final int STEPS = 20;

    @TempDir
    Path dir;

    @Test
    void theCaptionShareBecomesQuestionsAndInstructionsKeepTheirs() {
        Map<String, Integer> plain = mix(Recipe.tiny());
        Map<String, Integer> questions = mix(Recipe.tiny().withVlmQuestionsForCaptions(true));
        int examples = STEPS * Recipe.tiny().vlmBatch(); // 640
        // the shipped mix: 60% questions, 20% captions, 20% instructions (a seeded draw; sd about 2 points)
        assertShare(0.6, plain.get("question"), examples);
        assertShare(0.2, plain.get("caption"), examples);
        assertShare(0.2, plain.get("instruction"), examples);
        assertEquals(0, questions.getOrDefault("caption", 0), "no plain captions");
        assertShare(0.8, questions.get("question"), examples);
        assertShare(0.2, questions.get("instruction"), examples);
    }

    @Test
    void aRecipeRecordedBeforeTheFieldReadsAsTheShippedMixAndAVlmThatAnswersDirectlyIsRefused() throws Exception {
        ObjectNode recorded = RunFiles.JSON.valueToTree(Recipe.tiny().withVlmQuestionsForCaptions(true));
        recorded.remove("vlmQuestionsForCaptions");
        assertEquals(Recipe.tiny(), RunFiles.JSON.treeToValue(recorded, Recipe.class));
        UniWorldConfig model = Recipe.tiny().model();
        Recipe direct = Recipe.tiny().withModel(model.withVlm(model.vlm().withDescribesFirst(false)));
        // without a description before the answers, the switch would stop the VLM learning captions at all
        assertThrows(IllegalArgumentException.class, () -> direct.withVlmQuestionsForCaptions(true));
    }

    @Test
    void encodersWhoseVlmHadAnotherMixAreRefused() throws Exception {
        Recipe recipe = Recipe.tiny();
        Path other = BranchFixtures.state(dir, 2, recipe.withVlmQuestionsForCaptions(true));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branchEncoders(other, dir.resolve("run"), recipe));
        assertTrue(refused.getMessage().contains("vlmQuestionsForCaptions"), refused.getMessage());
    }

    /** How many examples of each kind the first {@link #STEPS} VLM batches hold. */
    private static Map<String, Integer> mix(Recipe recipe) {
        TrainingData data = PhaseFixtures.data(recipe);
        Map<String, Integer> kinds = new TreeMap<>();
        for (int step = 0; step < STEPS; step++) {
            for (VlmExamples.VlmExample example : data.vlmBatch(step)) {
                kinds.merge(kind(example), 1, Integer::sum);
            }
        }
        return kinds;
    }

    private static String kind(VlmExamples.VlmExample example) {
        if (example.taskPosition() < 0) {
            return "caption";
        }
        return example.taskLabel() == Task.GENERATE_IMAGE.ordinal() ? "instruction" : "question";
    }

    private static void assertShare(double expected, Integer count, int examples) {
        double share = count == null ? 0 : count / (double) examples;
        assertTrue(Math.abs(share - expected) < 0.06, "share " + share + " against " + expected);
    }
}
