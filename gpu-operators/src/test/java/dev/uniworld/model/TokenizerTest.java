package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.Presets;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final WordTokenizer tokenizer = WordTokenizer.tinyVocabulary();

    @Test
    void wordsRoundTripAndUnknownWordsMapToUnk() {
        int[] ids = tokenizer.encode("Make the red circle BLUE, please");
        assertEquals("make the red circle blue,", tokenizer.decode(ids));
        assertEquals(SpecialTokens.WORD_LEVEL.unk(), ids[ids.length - 1]);
        assertTrue(tokenizer.vocabSize() <= Presets.tiny().vlm().vocabSize());
    }

    @Test
    void decodingJoinsHyphenatedWordsAndPunctuationAsWritten() {
        assertEquals("top-left", tokenizer.decode(tokenizer.encode("top - left")));
        assertEquals("white background, small red circle top-left. yes",
                tokenizer.decode(tokenizer.encode("white background , small red circle top - left . yes")));
        WordTokenizer words = new WordTokenizer(java.util.List.of("what", "'", "s", "the", "colour", "?"));
        assertEquals("what's the colour?", words.decode(words.encode("what ' s the colour ?")));
        assertEquals("", tokenizer.decode(new int[0]));
    }

    @Test
    void promptPutsEachImagesTokensBeforeTheInstruction() {
        SpecialTokens s = SpecialTokens.WORD_LEVEL;
        int[] ids = new PromptBuilder(tokenizer, 2).build("remove it", 1);
        int[] words = tokenizer.encode("remove it");
        assertArrayEquals(new int[] {s.bos(), s.visionStart(), s.imagePad(), s.imagePad(), s.visionEnd(), words[0],
            words[1]}, ids);
    }
}
