package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.model.tokenizer.WordTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint carries its vocabulary; without one the built-in tiny vocabulary applies. */
class WordTokenizerFileTest {

    @Test
    void savedVocabularyLoadsBackWithTheSameIds(@TempDir Path dir) throws Exception {
        WordTokenizer original = new WordTokenizer(List.of("red", "circle", "top", "-", "left"));
        original.save(dir.resolve(WordTokenizer.CHECKPOINT_FILE));
        WordTokenizer loaded = WordTokenizer.forCheckpoint(dir);
        assertEquals(original.words(), loaded.words());
        assertArrayEquals(original.encode("red circle top-left"), loaded.encode("red circle top-left"));
        assertEquals("top-left", loaded.decode(loaded.encode("top-left")));
    }

    @Test
    void aCheckpointWithoutVocabularyUsesTheTinyOne(@TempDir Path dir) {
        assertEquals(WordTokenizer.tinyVocabulary().words(), WordTokenizer.forCheckpoint(dir).words());
    }
}
