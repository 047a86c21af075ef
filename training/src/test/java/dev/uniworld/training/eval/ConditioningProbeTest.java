package dev.uniworld.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditioningProbeTest {

    private static final Path SHIPPED = Path.of("..", "models", "uniworld-tiny");

    @Test
    void aPromptAgainstItselfMovesNothingWhileTheInputDoes() {
        try (UniWorldModel model = UniWorldModel.load(SHIPPED, ai.djl.Device.cpu(),
                EnumSet.of(Stage.VLM, Stage.FUSION, Stage.DIT), SpecialTokens.WORD_LEVEL)) {
            PromptBuilder prompts = new PromptBuilder(WordTokenizer.forCheckpoint(SHIPPED),
                    model.config().vlm().tokensPerImage());
            ConditioningFigures same = new ConditioningProbe(model, prompts).measure("a red circle.", "a red circle.",
                    5);
            assertEquals(0, same.contextDifference());
            assertArrayEquals(new double[ConditioningProbe.SIGMAS.length], same.promptEffect());
            // at sigma 0.5 half of the input is image: any trained DiT's prediction follows it
            int half = ConditioningProbe.SIGMAS.length - 1;
            assertEquals(0.5, same.sigmas()[half]);
            assertTrue(same.seedEffect()[half] > 0, "seed effect " + same.seedEffect()[half]);
            assertTrue(same.patchGain()[half] > 0, "patch gain " + same.patchGain()[half]);
            ConditioningFigures other = new ConditioningProbe(model, prompts).measure("a red circle.",
                    "a green circle.", 5);
            assertTrue(other.contextDifference() > 0, "context difference " + other.contextDifference());
            assertArrayEquals(same.seedEffect(), other.seedEffect(),
                    "the seed figures do not depend on the other prompt");
        }
    }

    @Test
    void thePatchIsOneGridCellInEveryChannel() {
        Set<Integer> seen = new HashSet<>();
        for (int i : ConditioningProbe.patchIndices(3, 64, 32, 8)) {
            int row = (i / 64) % 64;
            int column = i % 64;
            assertTrue(row >= 32 && row < 40 && column >= 32 && column < 40, "index " + i);
            assertTrue(seen.add(i), "index " + i + " twice");
        }
        assertEquals(3 * 8 * 8, seen.size());
    }

    @Test
    void differencesOfUnequalLengthsCompareTheCommonPart() {
        assertEquals(0, ConditioningProbe.rmsDifference(new float[] {1, 2}, new float[] {1, 2, 9}));
        assertEquals(1, ConditioningProbe.rmsDifference(new float[] {0, 0}, new float[] {1, -1, 5}), 1e-9);
        assertEquals(Math.sqrt(12.5), ConditioningProbe.rms(new float[] {3, 4}), 1e-9);
    }
}
