package dev.uniworld.training.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShapesVocabularyTest {

    @Test
    void everyPromptAndAnswerUsesOnlyVocabularyWords() {
        Set<String> vocabulary = new HashSet<>(ShapesVocabulary.words());
        TaskGenerator generator = new TaskGenerator(TaskConfig.DEFAULT);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            TaskSample sample = generator.sample(Split.TRAIN, i);
            List<String> tokens = ShapesVocabulary.tokenize(sample.prompt());
            if (sample.answer() != null) {
                tokens = new java.util.ArrayList<>(tokens);
                tokens.addAll(ShapesVocabulary.tokenize(sample.answer()));
            }
            for (String token : tokens) {
                assertTrue(vocabulary.contains(token),
                        "'" + token + "' of '" + sample.prompt() + "' not in vocabulary");
            }
            used.addAll(tokens);
        }
        assertTrue(vocabulary.size() < 200, "the vocabulary should stay small: " + vocabulary.size());
        assertTrue(used.size() > vocabulary.size() * 0.9, "most words should be used, used " + used.size());
    }

    @Test
    void shippedWordListMatchesTheDerivedOne() throws IOException {
        try (InputStream in = ShapesVocabulary.class.getResourceAsStream(ShapesVocabulary.RESOURCE)) {
            assertNotNull(in, ShapesVocabulary.RESOURCE + " missing; regenerate it with the 'vocab' command");
            List<String> shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals(ShapesVocabulary.words(), shipped,
                    "regenerate with: ShapesWorldCli vocab --out"
                            + " training/src/main/resources/shapesworld/vocabulary.txt");
        }
    }

    @Test
    void tokenizerSplitsPunctuation() {
        assertEquals(List.of("what", "colour", "is", "the", "top-left", "shape", "?"),
                ShapesVocabulary.tokenize("What colour is the top-left shape?"));
    }
}
