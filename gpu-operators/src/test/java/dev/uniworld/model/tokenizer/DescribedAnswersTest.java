package dev.uniworld.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.VlmConfig;
import org.junit.jupiter.api.Test;

class DescribedAnswersTest {

    private static final VlmConfig DIRECT = Presets.tiny().vlm();
    private static final VlmConfig DESCRIBING = DIRECT.withDescribesFirst(true);

    @Test
    void aDescribingVlmGetsRoomForItsDescriptionAndAnswersWithWhatFollowsIt() {
        assertEquals(6, DescribedAnswers.tokenBudget(DIRECT, 6));
        assertEquals(6 + DescribedAnswers.DESCRIPTION_TOKENS, DescribedAnswers.tokenBudget(DESCRIBING, 6));
        String decoded = "white background , small red circle top - left , large blue square center . circle";
        assertEquals("circle", DescribedAnswers.answer(DESCRIBING, decoded));
        assertEquals(decoded, DescribedAnswers.answer(DIRECT, decoded));
        // a description cut off before its full stop leaves no answer but the text itself
        String cut = "white background , small red";
        assertEquals(cut, DescribedAnswers.answer(DESCRIBING, cut));
    }
}
