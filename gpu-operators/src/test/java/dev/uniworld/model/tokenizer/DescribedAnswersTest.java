package dev.uniworld.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.VlmConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribedAnswersTest {

    private static final VlmConfig DIRECT = Presets.tiny().vlm();
    private static final VlmConfig DESCRIBING = DIRECT.withDescribesFirst(true);
    private static final WordTokenizer WORDS = WordTokenizer.tinyVocabulary();

    @Test
    void aDescribingVlmGetsRoomForItsDescriptionAndAnswersWithWhatFollowsIt() {
        DescribedAnswers direct = new DescribedAnswers(DIRECT, WORDS);
        DescribedAnswers describing = new DescribedAnswers(DESCRIBING, WORDS);
        assertEquals(6, direct.tokenBudget(6));
        assertEquals(6 + DescribedAnswers.DESCRIPTION_TOKENS, describing.tokenBudget(6));

        int[] decoded = WORDS.encode("white background , small red circle top - left , large blue square center . "
                + "top - left");
        assertEquals("top-left", WORDS.decode(describing.answer(decoded, 6)));
        assertEquals("top-", WORDS.decode(describing.answer(decoded, 2)));
        // a VLM that answers directly: the first ids, whatever they hold
        assertArrayEquals(WORDS.encode("white background , small"), direct.answer(decoded, 4));
    }

    @Test
    void aDescriptionCutOffBeforeItsSeparatorIsReturnedAsItIs() {
        int[] cut = WORDS.encode("white background , small red");
        assertArrayEquals(WORDS.encode("white background ,"), new DescribedAnswers(DESCRIBING, WORDS).answer(cut, 3));
        assertArrayEquals(new int[0], new DescribedAnswers(DESCRIBING, WORDS).answer(new int[0], 3));
        // a budget as large as an int, or a negative one
        assertArrayEquals(cut, new DescribedAnswers(DESCRIBING, WORDS).answer(cut, Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, new DescribedAnswers(DESCRIBING, WORDS).tokenBudget(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new DescribedAnswers(DIRECT, WORDS).answer(cut, -1));
    }

    @Test
    void aDescribingVlmNeedsItsSeparatorAsOneToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DescribedAnswers(DESCRIBING, new TwoTokenSeparator()));
        assertEquals("a VLM that describes first needs '.' as one token; the tokenizer spells it as 2",
                e.getMessage());
        new DescribedAnswers(DIRECT, new TwoTokenSeparator()); // a direct VLM never looks for it
        // a vocabulary without "." would read it as unk, which any unknown word also is
        WordTokenizer noFullStop = new WordTokenizer(List.of("circle"));
        assertThrows(IllegalArgumentException.class, () -> new DescribedAnswers(DESCRIBING, noFullStop));
    }

    /** A tokenizer that spells every text as two ids. */
    private static final class TwoTokenSeparator implements Tokenizer {
        @Override
        public int[] encode(String text) {
            return new int[] {7, 8};
        }

        @Override
        public String decode(int[] ids) {
            return "";
        }

        @Override
        public int vocabSize() {
            return 9;
        }

        @Override
        public SpecialTokens specials() {
            return SpecialTokens.WORD_LEVEL;
        }
    }
}
